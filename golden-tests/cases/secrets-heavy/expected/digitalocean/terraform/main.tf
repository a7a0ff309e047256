locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:vault-demo", "env:dev", "managed-by:scenario-to-cloud"]

  synced_env = {
    api = [
      {
        key   = "ADMIN_PASSWORD"
        value = var.admin_password
        type  = "SECRET"
      },
      {
        key   = "COOKIE_KEY"
        value = random_password.cookie_key.result
        type  = "SECRET"
      },
      {
        key   = "PORT"
        value = "8000"
        type  = "GENERAL"
      },
      {
        key   = "SENTRY_DSN"
        value = var.sentry_sentry_dsn
        type  = "SECRET"
      },
      {
        key   = "SMTP_PASSWORD"
        value = var.smtp_password
        type  = "SECRET"
      },
    ]
    mailer = [
      {
        key   = "SENTRY_DSN"
        value = var.sentry_sentry_dsn
        type  = "SECRET"
      },
      {
        key   = "SMTP_PASSWORD"
        value = var.smtp_password
        type  = "SECRET"
      },
    ]
  }

  synced_env_digest = {
    api    = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.api)]))
    mailer = sha256(join("", [random_password.s2c_env_digest_salt.result, jsonencode(local.synced_env.mailer)]))
  }
}

resource "digitalocean_project" "this" {
  name        = "vault-demo-dev"
  description = "vault-demo (dev), managed by scenario-to-cloud; tags: scenario:vault-demo, env:dev, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Development"
  resources   = [digitalocean_app.app.urn]
}

resource "random_password" "cookie_key" {
  length  = 64
  special = false
}

resource "random_password" "s2c_env_digest_salt" {
  length  = 32
  special = false
}

resource "digitalocean_app" "app" {
  spec {
    name   = "vault-demo-dev"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    service {
      name               = "api"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      http_port          = 8000

      image {
        registry_type = "DOCR"
        repository    = "vault-demo-api"
        tag           = "0.3.0"
      }

      health_check {
        http_path             = "/healthz"
        port                  = 8000
        initial_delay_seconds = 0
        period_seconds        = 10
        timeout_seconds       = 5
        failure_threshold     = 3
      }

      env {
        key   = "ADMIN_PASSWORD"
        value = var.admin_password
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "COOKIE_KEY"
        value = random_password.cookie_key.result
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "PORT"
        value = "8000"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }

      env {
        key   = "SENTRY_DSN"
        value = var.sentry_sentry_dsn
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "SMTP_PASSWORD"
        value = var.smtp_password
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

    worker {
      name               = "mailer"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1

      image {
        registry_type = "DOCR"
        repository    = "vault-demo-mailer"
        tag           = "0.3.0"
      }

      env {
        key   = "SENTRY_DSN"
        value = var.sentry_sentry_dsn
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "SMTP_PASSWORD"
        value = var.smtp_password
        scope = "RUN_TIME"
        type  = "SECRET"
      }

      env {
        key   = "S2C_ENV_DIGEST"
        value = local.synced_env_digest.mailer
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    ingress {
      rule {
        component {
          name = "api"
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
    ignore_changes = [spec[0].service[0].env, spec[0].worker[0].env]
  }
}
