locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:picker-wheel", "env:staging", "managed-by:scenario-to-cloud"]

  synced_env = {
    api = [
      {
        key   = "DATABASE_URL"
        value = "file:/data/picker-wheel.db"
        type  = "GENERAL"
      },
      {
        key   = "HTTP_PORT"
        value = "47040"
        type  = "GENERAL"
      },
      {
        key   = "JWT_SECRET"
        value = random_password.jwt_secret.result
        type  = "SECRET"
      },
      {
        key   = "LOG_LEVEL"
        value = "info"
        type  = "GENERAL"
      },
      {
        key   = "SESSION_SECRET"
        value = var.session_secret
        type  = "SECRET"
      },
    ]
    api-migrate-20250101 = [
      {
        key   = "DATABASE_URL"
        value = "file:/data/picker-wheel.db"
        type  = "GENERAL"
      },
      {
        key   = "HTTP_PORT"
        value = "47040"
        type  = "GENERAL"
      },
      {
        key   = "JWT_SECRET"
        value = random_password.jwt_secret.result
        type  = "SECRET"
      },
      {
        key   = "LOG_LEVEL"
        value = "info"
        type  = "GENERAL"
      },
      {
        key   = "SESSION_SECRET"
        value = var.session_secret
        type  = "SECRET"
      },
    ]
  }

  synced_env_digest = {
    api                  = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api)]))
    api-migrate-20250101 = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api-migrate-20250101)]))
  }
}

resource "digitalocean_project" "this" {
  name        = "picker-wheel-staging"
  description = "picker-wheel (staging), managed by scenario-to-cloud; tags: scenario:picker-wheel, env:staging, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Staging"
  resources   = [digitalocean_app.app.urn]
}

resource "random_password" "jwt_secret" {
  length  = 32
  special = false
}

resource "random_password" "s2c_env_digest_salt" {
  length  = 32
  special = false
}

resource "digitalocean_app" "app" {
  spec {
    name   = "picker-wheel-staging"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    service {
      name               = "api"
      instance_size_slug = "apps-s-1vcpu-2gb"
      instance_count     = 2
      http_port          = 47040

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-api"
        tag           = "1.2.3"
      }

      health_check {
        http_path             = "/healthz"
        port                  = 47040
        initial_delay_seconds = 0
        period_seconds        = 1
        timeout_seconds       = 2
        failure_threshold     = 5
      }

      env {
        key   = "DATABASE_URL"
        value = "file:/data/picker-wheel.db"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "HTTP_PORT"
        value = "47040"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "JWT_SECRET"
        value = random_password.jwt_secret.result
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "LOG_LEVEL"
        value = "info"
        scope = "RUN_TIME"
        type  = "GENERAL"
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

    job {
      name               = "api-migrate-20250101"
      kind               = "PRE_DEPLOY"
      instance_size_slug = "apps-s-1vcpu-2gb"
      instance_count     = 1
      run_command        = "./picker-wheel-api migrate --dsn file:/data/picker-wheel.db"

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-api"
        tag           = "1.2.3"
      }

      env {
        key   = "DATABASE_URL"
        value = "file:/data/picker-wheel.db"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "HTTP_PORT"
        value = "47040"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "JWT_SECRET"
        value = random_password.jwt_secret.result
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "LOG_LEVEL"
        value = "info"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "SESSION_SECRET"
        value = var.session_secret
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.api-migrate-20250101
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    service {
      name               = "sqlite"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      internal_ports     = [47080]

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-sqlite"
        digest        = "sha256:0d5f5b6e1c3a4b7f9e2d8c6a1b3e5f7a9c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f"
      }

      health_check {
        port                  = 47080
        initial_delay_seconds = 0
        period_seconds        = 1
        timeout_seconds       = 2
        failure_threshold     = 5
      }

      env {
        key   = "DB_FILE"
        value = "data/picker-wheel/picker-wheel.db"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    service {
      name               = "ui-server"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      http_port          = 47010

      image {
        registry_type = "GHCR"
        registry      = "vrooli"
        repository    = "picker-wheel-ui"
        tag           = "1.2.3"
      }

      health_check {
        http_path             = "/healthz"
        port                  = 47010
        initial_delay_seconds = 0
        period_seconds        = 1
        timeout_seconds       = 2
        failure_threshold     = 5
      }

      env {
        key   = "API_BASE_URL"
        value = "http://api:47040"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "STATIC_DIR"
        value = "ui/dist"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    ingress {
      rule {
        component {
          name = "ui-server"
        }

        match {
          path {
            prefix = "/"
          }
        }
      }
    }
  }

  lifecycle {
    ignore_changes = [spec[0].service[0].env, spec[0].job[0].env]
  }
}
