variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}

variable "domain" {
  description = "Public domain of the app (its DNS must point at App Platform)"
  type        = string
  default     = "staging.wheel.initech.example.com"
}
