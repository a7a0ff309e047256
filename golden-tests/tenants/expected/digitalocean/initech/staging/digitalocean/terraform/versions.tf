terraform {
  required_version = ">= 1.10.0"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "2.71.0"
    }
  }

  backend "s3" {
    bucket = "vrooli-tf-state"
    key    = "tenants/picker-wheel/initech/staging/terraform.tfstate"
    region = "us-east-1"

    endpoints = {
      s3 = "https://nyc3.digitaloceanspaces.com"
    }

    skip_credentials_validation = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    skip_requesting_account_id  = true
    skip_s3_checksum            = true
    use_lockfile                = true
  }
}

provider "digitalocean" {
}
