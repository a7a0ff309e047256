resource "aws_secretsmanager_secret" "session_key" {
  name                    = "ledger/prod/session_key"
  description             = "Session signing key"
  recovery_window_in_days = 30
}

ephemeral "random_password" "session_key" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret_version" "session_key" {
  secret_id                = aws_secretsmanager_secret.session_key.id
  secret_string_wo         = ephemeral.random_password.session_key.result
  secret_string_wo_version = 1
}

resource "aws_secretsmanager_secret" "stripe_key" {
  name                    = "ledger/prod/stripe_key"
  description             = "Stripe API key"
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "stripe_key" {
  secret_id                = aws_secretsmanager_secret.stripe_key.id
  secret_string_wo         = var.stripe_key
  secret_string_wo_version = var.stripe_key_version
}
