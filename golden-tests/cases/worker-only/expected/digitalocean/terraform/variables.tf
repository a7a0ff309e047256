variable "region" {
  description = "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region"
  type        = string
  default     = "nyc3"
}
