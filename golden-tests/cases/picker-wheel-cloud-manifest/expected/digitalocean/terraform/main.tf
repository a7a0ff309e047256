locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:picker-wheel", "env:production", "managed-by:scenario-to-cloud"]

  synced_env = {
    api = [
      {
        key   = "API_PORT"
        value = "8080"
        type  = "GENERAL"
      },
      {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "N8N_URL"
        value = var.n8n_url
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
      {
        key   = "SESSION_SECRET"
        value = var.session_secret
        type  = "SECRET"
      },
    ]
  }

  synced_env_digest = {
    api = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api)]))
  }
}

resource "digitalocean_project" "this" {
  name        = "picker-wheel-production"
  description = "picker-wheel (production), managed by scenario-to-cloud; tags: scenario:picker-wheel, env:production, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Production"
  resources   = [digitalocean_app.app.urn, digitalocean_app.db_grants.urn, digitalocean_database_cluster.postgres.urn]
}

resource "random_password" "s2c_env_digest_salt" {
  length  = 32
  special = false
}

resource "digitalocean_database_cluster" "postgres" {
  name       = "picker-wheel-production-postgres"
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
    name   = "picker-wheel-production-db-6fac3"
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
    name   = "picker-wheel-production"
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
      name               = "api"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      http_port          = 8080
      source_dir         = "scenarios/picker-wheel/api"
      build_command      = "go mod download && go build -o picker-wheel-api ."
      run_command        = "./picker-wheel-api"

      git {
        repo_clone_url = "https://github.com/Vrooli/Vrooli.git"
        branch         = "main"
      }

      health_check {
        http_path             = "/health"
        port                  = 8080
        initial_delay_seconds = 10
        period_seconds        = 30
        timeout_seconds       = 5
        failure_threshold     = 3
      }

      env {
        key   = "API_PORT"
        value = "8080"
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
        value = var.n8n_url
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
        key   = "SESSION_SECRET"
        value = var.session_secret
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
      http_port          = 3000
      source_dir         = "scenarios/picker-wheel/ui"
      build_command      = "npm install && npm run build"
      run_command        = "node server.js"

      git {
        repo_clone_url = "https://github.com/Vrooli/Vrooli.git"
        branch         = "main"
      }

      health_check {
        http_path             = "/health"
        port                  = 3000
        initial_delay_seconds = 10
        period_seconds        = 45
        timeout_seconds       = 3
        failure_threshold     = 3
      }

      env {
        key   = "UI_PORT"
        value = "3000"
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
    ignore_changes = [spec[0].service[0].env]
  }
}
