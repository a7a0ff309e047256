variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}

variable "domain" {
  description = "Public domain of the app (its DNS must point at App Platform)"
  type        = string
  default     = "wheel.example.org"
}

variable "session_secret" {
  description = "Signs sessions. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_session_secret; injected as SESSION_SECRET."
  type        = string
  sensitive   = true
  nullable    = false
}

variable "n8n_url" {
  description = "Endpoint of the external n8n (may embed credentials), fetched from the secret store at deploy time (deploy.sh reads Vault when TF_VAR_n8n_url is unset); injected as N8N_URL."
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
