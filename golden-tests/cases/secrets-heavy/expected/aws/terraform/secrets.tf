resource "aws_secretsmanager_secret" "admin_password" {
  name                    = "vault-demo/dev/admin_password"
  description             = "Initial admin password"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "admin_password" {
  secret_id                = aws_secretsmanager_secret.admin_password.id
  secret_string_wo         = var.admin_password
  secret_string_wo_version = var.admin_password_version
}

resource "aws_secretsmanager_secret" "cookie_key" {
  name                    = "vault-demo/dev/cookie_key"
  description             = "Cookie signing key"
  recovery_window_in_days = 0
}

ephemeral "random_password" "cookie_key" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret_version" "cookie_key" {
  secret_id                = aws_secretsmanager_secret.cookie_key.id
  secret_string_wo         = ephemeral.random_password.cookie_key.result
  secret_string_wo_version = 1
}

resource "aws_secretsmanager_secret" "sentry_sentry_dsn" {
  name                    = "vault-demo/dev/sentry_sentry_dsn"
  description             = "Error reporting DSN"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "sentry_sentry_dsn" {
  secret_id                = aws_secretsmanager_secret.sentry_sentry_dsn.id
  secret_string_wo         = var.sentry_sentry_dsn
  secret_string_wo_version = var.sentry_sentry_dsn_version
}

resource "aws_secretsmanager_secret" "smtp_password" {
  name                    = "vault-demo/dev/smtp_password"
  description             = "SMTP relay password, kept in Vault"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "smtp_password" {
  secret_id                = aws_secretsmanager_secret.smtp_password.id
  secret_string_wo         = var.smtp_password
  secret_string_wo_version = var.smtp_password_version
}
