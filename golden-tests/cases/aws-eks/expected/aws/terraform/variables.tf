variable "region" {
  type        = string
  default     = "eu-central-1"
  description = "the AWS region of every resource"
}

variable "stripe_key" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "Stripe API key; from the infra repo's CI as TF_VAR_stripe_key"
}

variable "stripe_key_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of stripe_key (Terraform cannot compare a value it never stores)"
}
