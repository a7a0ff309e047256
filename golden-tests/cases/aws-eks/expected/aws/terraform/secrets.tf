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
