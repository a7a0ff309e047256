provider "aws" {
  region = var.region

  default_tags {
    tags = {
      scenario   = "picker-wheel"
      env        = "dev"
      managed-by = "scenario-to-cloud"
    }
  }
}
