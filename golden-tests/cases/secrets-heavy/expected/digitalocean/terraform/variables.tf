variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}

variable "admin_password" {
  description = "Initial admin password. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_admin_password; injected as ADMIN_PASSWORD."
  type        = string
  sensitive   = true
  nullable    = false
}

variable "sentry_sentry_dsn" {
  description = "Error reporting DSN. Secret (remote_fetch), fetched from the secret store at deploy time (deploy.sh reads Vault when TF_VAR_sentry_sentry_dsn is unset); injected as SENTRY_DSN."
  type        = string
  sensitive   = true
  nullable    = false
}

variable "smtp_password" {
  description = "SMTP relay password, kept in Vault. Secret (remote_fetch), fetched from the secret store at deploy time (deploy.sh reads Vault when TF_VAR_smtp_password is unset); injected as SMTP_PASSWORD."
  type        = string
  sensitive   = true
  nullable    = false
}
