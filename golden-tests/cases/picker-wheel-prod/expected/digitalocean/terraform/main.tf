locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:picker-wheel", "env:prod", "managed-by:scenario-to-cloud"]

  synced_env = {
    api = [
      {
        key   = "API_PORT"
        value = "15000"
        type  = "GENERAL"
      },
      {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "N8N_URL"
        value = "http://n8n:5678"
        type  = "GENERAL"
      },
      {
        key   = "OPENROUTER_API_KEY"
        value = var.openrouter_openrouter_api_key
        type  = "SECRET"
      },
      {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "QDRANT_URL"
        value = var.qdrant_url
        type  = "SECRET"
      },
    ]
  }

  synced_env_digest = {
    api = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api)]))
  }
}

resource "digitalocean_project" "this" {
  name        = "picker-wheel-prod"
  description = "picker-wheel (prod), managed by scenario-to-cloud; tags: scenario:picker-wheel, env:prod, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Production"
  resources   = [digitalocean_app.app.urn, digitalocean_app.db_grants.urn, digitalocean_database_cluster.postgres.urn]
}

resource "random_password" "s2c_env_digest_salt" {
  length  = 32
  special = false
}

resource "digitalocean_database_cluster" "postgres" {
  name       = "picker-wheel-prod-postgres"
  engine     = "pg"
  version    = "16"
  size       = "db-s-2vcpu-4gb"
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
    name   = "picker-wheel-prod-db-grants"
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
    name   = "picker-wheel-prod"
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
      name               = "api"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 2
      http_port          = 15000
      source_dir         = "scenarios/picker-wheel/api"
      build_command      = "go mod download && go build -o picker-wheel-api ."
      run_command        = "./picker-wheel-api"

      git {
        repo_clone_url = "https://github.com/Vrooli/Vrooli.git"
        branch         = "main"
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
        key   = "OPENROUTER_API_KEY"
        value = var.openrouter_openrouter_api_key
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "QDRANT_URL"
        value = var.qdrant_url
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.api
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    service {
      name               = "ui"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      http_port          = 35000
      source_dir         = "scenarios/picker-wheel/ui"
      build_command      = "npm install && npm run build"
      run_command        = "node server.js"

      git {
        repo_clone_url = "https://github.com/Vrooli/Vrooli.git"
        branch         = "main"
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

  lifecycle {
    ignore_changes = [spec[0].service[1].env]
  }
}
