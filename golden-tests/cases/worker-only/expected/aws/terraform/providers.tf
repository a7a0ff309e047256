provider "aws" {
  region = var.region

  default_tags {
    tags = {
      scenario   = "mailer"
      env        = "staging"
      managed-by = "scenario-to-cloud"
    }
  }
}
