resource "aws_secretsmanager_secret" "openrouter_openrouter_api_key" {
  name                    = "picker-wheel/dev/openrouter_openrouter_api_key"
  description             = "OpenRouter API key for option suggestions"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "openrouter_openrouter_api_key" {
  secret_id                = aws_secretsmanager_secret.openrouter_openrouter_api_key.id
  secret_string_wo         = var.openrouter_openrouter_api_key
  secret_string_wo_version = var.openrouter_openrouter_api_key_version
}
