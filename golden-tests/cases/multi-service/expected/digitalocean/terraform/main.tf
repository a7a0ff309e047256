locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:ledger", "env:prod", "managed-by:scenario-to-cloud"]

  synced_env = {
    api = [
      {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "LOG_LEVEL"
        value = "info"
        type  = "GENERAL"
      },
      {
        key   = "PORT"
        value = "8080"
        type  = "GENERAL"
      },
      {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "PUBLIC_ORIGIN"
        value = "https://ledger.example.com"
        type  = "GENERAL"
      },
      {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "SESSION_KEY"
        value = random_password.session_key.result
        type  = "SECRET"
      },
      {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        type  = "SECRET"
      },
      {
        key   = "WS_PORT"
        value = "8090"
        type  = "GENERAL"
      },
    ]
    api-migrate-20240601 = [
      {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "LOG_LEVEL"
        value = "info"
        type  = "GENERAL"
      },
      {
        key   = "MIGRATE_LOCK_TIMEOUT"
        value = "60s"
        type  = "GENERAL"
      },
      {
        key   = "PORT"
        value = "8080"
        type  = "GENERAL"
      },
      {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "PUBLIC_ORIGIN"
        value = "https://ledger.example.com"
        type  = "GENERAL"
      },
      {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "SESSION_KEY"
        value = random_password.session_key.result
        type  = "SECRET"
      },
      {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        type  = "SECRET"
      },
      {
        key   = "WS_PORT"
        value = "8090"
        type  = "GENERAL"
      },
    ]
    reconciler = [
      {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "POSTGRES_URL"
        value = "$${postgres.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        type  = "GENERAL"
      },
      {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        type  = "SECRET"
      },
    ]
  }

  synced_env_digest = {
    api                  = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api)]))
    api-migrate-20240601 = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api-migrate-20240601)]))
    reconciler           = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.reconciler)]))
  }
}

resource "digitalocean_project" "this" {
  name        = "ledger-production"
  description = "ledger (prod), managed by scenario-to-cloud; tags: scenario:ledger, env:prod, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Production"
  resources   = [digitalocean_app.app.urn, digitalocean_app.db_grants.urn, digitalocean_database_cluster.postgres.urn, digitalocean_database_cluster.redis.urn]
}

resource "random_password" "session_key" {
  length  = 48
  special = false
}

resource "random_password" "s2c_env_digest_salt" {
  length  = 32
  special = false
}

resource "digitalocean_database_cluster" "postgres" {
  name       = "ledger-prod-postgres"
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
  name       = "ledger"
}

resource "digitalocean_database_user" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "ledger_app"
}

resource "digitalocean_database_cluster" "redis" {
  name       = "ledger-prod-redis"
  engine     = "valkey"
  version    = "8"
  size       = "db-s-1vcpu-1gb"
  region     = var.region
  node_count = 1
  tags       = local.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "digitalocean_database_firewall" "redis" {
  cluster_id = digitalocean_database_cluster.redis.id

  rule {
    type  = "app"
    value = digitalocean_app.app.id
  }
}

resource "digitalocean_app" "db_grants" {
  spec {
    name   = "ledger-prod-db-grants"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    job {
      name               = "postgres-grants"
      kind               = "PRE_DEPLOY"
      instance_size_slug = "apps-s-1vcpu-0.5gb"
      instance_count     = 1
      run_command        = "psql --no-psqlrc -v ON_ERROR_STOP=1 -c 'GRANT ALL ON DATABASE \"ledger\" TO \"ledger_app\"' -c 'GRANT ALL ON SCHEMA public TO \"ledger_app\"'"

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
    name   = "ledger-prod"
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
      instance_count     = 3
      http_port          = 8080
      internal_ports     = [8090]

      image {
        registry_type = "GHCR"
        registry      = "example"
        repository    = "ledger-api"
        tag           = "2.4.0"
      }

      health_check {
        http_path             = "/health"
        port                  = 8080
        initial_delay_seconds = 15
        period_seconds        = 10
        timeout_seconds       = 3
        failure_threshold     = 3
      }

      env {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "LOG_LEVEL"
        value = "info"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PORT"
        value = "8080"
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
        key   = "PUBLIC_ORIGIN"
        value = "https://ledger.example.com"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "SESSION_KEY"
        value = random_password.session_key.result
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "WS_PORT"
        value = "8090"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.api
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    job {
      name               = "api-migrate-20240601"
      kind               = "PRE_DEPLOY"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      run_command        = "/app/ledger migrate up"

      image {
        registry_type = "GHCR"
        registry      = "example"
        repository    = "ledger-api"
        tag           = "2.4.0"
      }

      env {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "LOG_LEVEL"
        value = "info"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "MIGRATE_LOCK_TIMEOUT"
        value = "60s"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PORT"
        value = "8080"
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
        key   = "PUBLIC_ORIGIN"
        value = "https://ledger.example.com"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "SESSION_KEY"
        value = random_password.session_key.result
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "WS_PORT"
        value = "8090"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.api-migrate-20240601
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    worker {
      name               = "reconciler"
      instance_size_slug = "apps-s-1vcpu-2gb"
      instance_count     = 1
      run_command        = "/app/ledger worker --queue 'reconcile jobs'"

      image {
        registry_type = "GHCR"
        registry      = "example"
        repository    = "ledger-api"
        tag           = "2.4.0"
      }

      env {
        key   = "DATABASE_URL"
        value = "$${postgres.DATABASE_URL}"
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
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "STRIPE_API_KEY"
        value = var.stripe_key
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.reconciler
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    service {
      name               = "web"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 2
      http_port          = 3000

      image {
        registry_type = "GHCR"
        registry      = "example"
        repository    = "ledger-web"
        digest        = "sha256:4f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"
      }

      health_check {
        http_path             = "/"
        port                  = 3000
        initial_delay_seconds = 0
        period_seconds        = 10
        timeout_seconds       = 5
        failure_threshold     = 3
      }

      env {
        key   = "API_URL"
        value = "http://api:8080"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "PORT"
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

    database {
      name         = "redis"
      engine       = "VALKEY"
      production   = true
      cluster_name = digitalocean_database_cluster.redis.name
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
          name = "web"
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
    ignore_changes = [spec[0].service[0].env, spec[0].job[0].env, spec[0].worker[0].env]
  }
}
