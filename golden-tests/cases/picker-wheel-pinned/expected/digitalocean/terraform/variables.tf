variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}

variable "openrouter_openrouter_api_key" {
  description = "OpenRouter API key for option suggestions. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_openrouter_openrouter_api_key; injected as OPENROUTER_API_KEY."
  type        = string
  sensitive   = true
  nullable    = false
}
