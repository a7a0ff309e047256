variable "region" {
  type        = string
  default     = "us-east-1"
  description = "the AWS region of every resource"
}

variable "openrouter_openrouter_api_key" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "OpenRouter API key for option suggestions; from the infra repo's CI as TF_VAR_openrouter_openrouter_api_key"
}

variable "openrouter_openrouter_api_key_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of openrouter_openrouter_api_key (Terraform cannot compare a value it never stores)"
}
