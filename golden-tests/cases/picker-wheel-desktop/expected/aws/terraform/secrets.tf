resource "aws_secretsmanager_secret" "jwt_secret" {
  name                    = "picker-wheel/staging/jwt_secret"
  description             = "JWT signing key"
  recovery_window_in_days = 0
}

ephemeral "random_password" "jwt_secret" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret_version" "jwt_secret" {
  secret_id                = aws_secretsmanager_secret.jwt_secret.id
  secret_string_wo         = ephemeral.random_password.jwt_secret.result
  secret_string_wo_version = 1
}

resource "aws_secretsmanager_secret" "session_secret" {
  name                    = "picker-wheel/staging/session_secret"
  description             = "Signs cookies and sessions"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "session_secret" {
  secret_id                = aws_secretsmanager_secret.session_secret.id
  secret_string_wo         = var.session_secret
  secret_string_wo_version = var.session_secret_version
}
