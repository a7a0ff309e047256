provider "aws" {
  region = var.region

  default_tags {
    tags = {
      scenario   = "ledger"
      env        = "prod"
      managed-by = "scenario-to-cloud"
    }
  }
}
