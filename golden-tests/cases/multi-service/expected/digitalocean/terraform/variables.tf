variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "fra1"
}

variable "domain" {
  description = "Public domain of the app (its DNS must point at App Platform)"
  type        = string
  default     = "ledger.example.com"
}

variable "stripe_key" {
  description = "Stripe API key. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_stripe_key; injected as STRIPE_API_KEY."
  type        = string
  sensitive   = true
  nullable    = false
}
