output "app_id" {
  description = "App Platform app id"
  value       = digitalocean_app.app.id
}

output "live_url" {
  description = "Public URL of the app"
  value       = digitalocean_app.app.live_url
}

output "project_id" {
  description = "DigitalOcean project holding every resource"
  value       = digitalocean_project.this.id
}

output "synced_env" {
  description = "Env of the components that hold secrets, by component: deploy.sh writes it through the App Platform API"
  value       = local.synced_env
  sensitive   = true
}

output "synced_env_digest" {
  description = "Salted digest of each synced component's env, as the app carries it in S2C_ENV_DIGEST"
  value       = local.synced_env_digest
  sensitive   = true
}

output "postgres_cluster_id" {
  description = "Managed postgres cluster id"
  value       = digitalocean_database_cluster.postgres.id
}
