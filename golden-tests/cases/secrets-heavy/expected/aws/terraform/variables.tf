variable "region" {
  type        = string
  default     = "us-east-1"
  description = "the AWS region of every resource"
}

variable "admin_password" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "Initial admin password; from the infra repo's CI as TF_VAR_admin_password"
}

variable "admin_password_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of admin_password (Terraform cannot compare a value it never stores)"
}

variable "sentry_sentry_dsn" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "Error reporting DSN; fetched by deploy.sh from Vault (or TF_VAR_sentry_sentry_dsn in the environment)"
}

variable "sentry_sentry_dsn_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of sentry_sentry_dsn (Terraform cannot compare a value it never stores)"
}

variable "smtp_password" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "SMTP relay password, kept in Vault; fetched by deploy.sh from Vault (or TF_VAR_smtp_password in the environment)"
}

variable "smtp_password_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of smtp_password (Terraform cannot compare a value it never stores)"
}
