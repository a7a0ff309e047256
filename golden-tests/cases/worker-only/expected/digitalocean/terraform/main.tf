locals {
  app_region = substr(var.region, 0, 3)
  tags       = ["scenario:mailer", "env:staging", "managed-by:scenario-to-cloud"]
}

resource "digitalocean_project" "this" {
  name        = "mailer-staging"
  description = "mailer (staging), managed by scenario-to-cloud; tags: scenario:mailer, env:staging, managed-by:scenario-to-cloud"
  purpose     = "Web Application"
  environment = "Staging"
  resources   = [digitalocean_app.app.urn, digitalocean_database_cluster.redis.urn]
}

resource "digitalocean_database_cluster" "redis" {
  name       = "mailer-staging-redis"
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

resource "digitalocean_app" "app" {
  spec {
    name   = "mailer-staging"
    region = local.app_region

    alert {
      rule = "DEPLOYMENT_FAILED"
    }

    worker {
      name               = "sender"
      instance_size_slug = "apps-s-1vcpu-1gb"
      instance_count     = 1
      run_command        = "/app/mailer work"

      image {
        registry_type = "GHCR"
        registry      = "example"
        repository    = "mailer"
        tag           = "0.3.1"
      }

      env {
        key   = "REDIS_URL"
        value = "$${redis.DATABASE_URL}"
        scope = "RUN_TIME"
        type  = "GENERAL"
      }
    }

    database {
      name         = "redis"
      engine       = "VALKEY"
      production   = true
      cluster_name = digitalocean_database_cluster.redis.name
    }
  }
}
