variable "region" {
  type        = string
  default     = "us-east-1"
  description = "the AWS region of every resource"
}

variable "session_secret" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "Signs cookies and sessions; from the infra repo's CI as TF_VAR_session_secret"
}

variable "session_secret_version" {
  type        = number
  default     = 1
  description = "bump to write a new value of session_secret (Terraform cannot compare a value it never stores)"
}
