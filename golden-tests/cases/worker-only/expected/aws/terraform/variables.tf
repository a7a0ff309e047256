variable "region" {
  type        = string
  default     = "us-east-1"
  description = "the AWS region of every resource"
}
