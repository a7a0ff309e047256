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

output "postgres_cluster_id" {
  description = "Managed postgres cluster id"
  value       = digitalocean_database_cluster.postgres.id
}
