provider "aws" {
  region = var.region

  default_tags {
    tags = {
      scenario   = "vault-demo"
      env        = "dev"
      managed-by = "scenario-to-cloud"
    }
  }
}
