variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "ams3"
}

variable "session_secret" {
  description = "Signs cookies and sessions. Secret (user_prompt), supplied by the infra repo's CI as TF_VAR_session_secret; injected as SESSION_SECRET."
  type        = string
  sensitive   = true
  nullable    = false
}
