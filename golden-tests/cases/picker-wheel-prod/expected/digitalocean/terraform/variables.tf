variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}

variable "domain" {
  description = "Public domain of the app (its DNS must point at App Platform)"
  type        = string
  default     = "wheel.example.com"
}

variable "openrouter_openrouter_api_key" {
  description = "OpenRouter API key for option suggestions. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_openrouter_openrouter_api_key; injected as OPENROUTER_API_KEY."
  type        = string
  sensitive   = true
  nullable    = false
}

variable "qdrant_url" {
  description = "Endpoint of the external qdrant (may embed credentials), fetched from the secret store at deploy time (deploy.sh reads Vault when TF_VAR_qdrant_url is unset); injected as QDRANT_URL."
  type        = string
  sensitive   = true
  nullable    = false
}
