locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:picker-wheel", "env:staging", "managed-by:scenario-to-cloud"]
}

resource "digitalocean_project" "this" {
  name        = "picker-wheel-acme-staging"
  description = "picker-wheel (staging), managed by scenario-to-cloud; tags: scenario:picker-wheel, env:staging, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Staging"
  resources   = [digitalocean_app.app.urn, digitalocean_app.db_grants.urn, digitalocean_database_cluster.postgres.urn]
}

resource "digitalocean_database_cluster" "postgres" {
  name       = "picker-wheel-acme-staging-cef4d"
  engine     = "pg"
  version    = "16"
  size       = "db-s-1vcpu-1gb"
  region     = var.region
  node_count = 1
  tags       = local.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "digitalocean_database_firewall" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id

  rule {
    type  = "app"
    value = digitalocean_app.app.id
  }

  rule {
    type  = "app"
    value = digitalocean_app.db_grants.id
  }
}

resource "digitalocean_database_db" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "picker_wheel"
}

resource "digitalocean_database_user" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "picker_wheel_app"
}

resource "digitalocean_app" "db_grants" {
  spec {
    name   = "picker-wheel-acme-staging-cb5b2"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    job {
      name               = "postgres-grants"
      kind               = "PRE_DEPLOY"
      instance_size_slug = "apps-s-1vcpu-0.5gb"
      instance_count     = 1
      run_command        = "psql --no-psqlrc -v ON_ERROR_STOP=1 -c 'GRANT ALL ON DATABASE \"picker_wheel\" TO \"picker_wheel_app\"' -c 'GRANT ALL ON SCHEMA public TO \"picker_wheel_app\"'"

      image {
        registry_type = "DOCKER_HUB"
        registry      = "library"
        repository    = "postgres"
        tag           = "16-alpine"
      }

      env {
        key   = "PGDATABASE"
        value = "$${postgres.DATABASE}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PGHOST"
        value = "$${postgres.HOSTNAME}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PGPASSWORD"
        value = "$${postgres.PASSWORD}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PGPORT"
        value = "$${postgres.PORT}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PGUSER"
        value = "$${postgres.USERNAME}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PGSSLMODE"
        value = "require"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    database {
      name         = "postgres"
      engine       = "PG"
      production   = true
      cluster_name = digitalocean_database_cluster.postgres.name
      db_name      = digitalocean_database_db.postgres.name
    }
  }
}

resource "digitalocean_app" "app" {
  spec {
    name   = "picker-wheel-acme-staging"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    alert {
      rule = "DOMAIN_FAILED"
    }

    domain {
      name = var.domain
      type = "PRIMARY"
    }

    service {
      name               = "n8n"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      internal_ports     = [5678]

      image {
        registry_type = "DOCKER_HUB"
        registry      = "n8nio"
        repository    = "n8n"
        tag           = "1.85.4"
      }

      health_check {
        port                  = 5678
        initial_delay_seconds = 10
        period_seconds        = 10
        timeout_seconds       = 5
        failure_threshold     = 3
      }
    }

    service {
      name               = "qdrant"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      internal_ports     = [6333]

      image {
        registry_type = "DOCKER_HUB"
        registry      = "qdrant"
        repository    = "qdrant"
        tag           = "v1.13.4"
      }

      health_check {
        port                  = 6333
        initial_delay_seconds = 10
        period_seconds        = 10
        timeout_seconds       = 5
        failure_threshold     = 3
      }
    }

    service {
      name               = "api"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 2
      http_port          = 15000

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-api"
        digest        = "sha256:4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce"
      }

      health_check {
        http_path             = "/health"
        port                  = 15000
        initial_delay_seconds = 10
        period_seconds        = 30
        timeout_seconds       = 5
        failure_threshold     = 3
      }

      env {
        key   = "API_PORT"
        value = "15000"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "N8N_URL"
        value = "http://n8n:5678"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "QDRANT_URL"
        value = "http://qdrant:6333"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    service {
      name               = "ui"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      http_port          = 35000

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-ui"
        digest        = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
      }

      health_check {
        http_path             = "/health"
        port                  = 35000
        initial_delay_seconds = 10
        period_seconds        = 45
        timeout_seconds       = 3
        failure_threshold     = 3
      }

      env {
        key   = "UI_PORT"
        value = "35000"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    database {
      name         = "postgres"
      engine       = "PG"
      production   = true
      cluster_name = digitalocean_database_cluster.postgres.name
      db_name      = digitalocean_database_db.postgres.name
      db_user      = digitalocean_database_user.postgres.name
    }

    ingress {
      rule {
        component {
          name                 = "api"
          preserve_path_prefix = true
        }

        match {
          path {
            prefix = "/api"
          }
        }
      }

      rule {
        component {
          name = "ui"
        }

        match {
          path {
            prefix = "/"
          }
        }
      }
    }
  }

  depends_on = [digitalocean_app.db_grants]
}
