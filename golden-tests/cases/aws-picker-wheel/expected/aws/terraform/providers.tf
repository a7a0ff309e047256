provider "aws" {
  region = var.region

  default_tags {
    tags = {
      scenario   = "picker-wheel"
      env        = "staging"
      managed-by = "scenario-to-cloud"
    }
  }
}
