#!/usr/bin/env bash
# Deploys ledger (prod) to DigitalOcean App Platform with Terraform.
# Rendered by scenario-to-cloud 0.1.0: change the bundle or the values and
# render again instead of editing this file.
#
#   ./deploy.sh [init|plan|apply]    (default: apply)
#
# Secrets come only from the environment (TF_VAR_<name>) or, for remote_fetch secrets,
# from Vault at deploy time. None is written to disk or put on a command line.
set -euo pipefail

cd "$(dirname "$0")/terraform"
action="${1:-apply}"

: "${DIGITALOCEAN_TOKEN:?DIGITALOCEAN_TOKEN must hold a DigitalOcean API token}"
export DIGITALOCEAN_TOKEN

# Terraform state lives in DigitalOcean Spaces: bucket example-tf-state, key apps/ledger/prod/terraform.tfstate.
export AWS_ACCESS_KEY_ID="${SPACES_ACCESS_KEY_ID:?SPACES_ACCESS_KEY_ID must hold a Spaces access key}"
export AWS_SECRET_ACCESS_KEY="${SPACES_SECRET_ACCESS_KEY:?SPACES_SECRET_ACCESS_KEY must hold a Spaces secret key}"

missing=0
if [ -z "${TF_VAR_stripe_key:-}" ]; then
  echo "missing secret: set TF_VAR_stripe_key (user_prompt, injected as STRIPE_API_KEY)" >&2
  missing=1
fi
if [ "$missing" -ne 0 ] && [ "$action" != "init" ]; then
  exit 1
fi

terraform init -input=false
case "$action" in
  init) ;;
  plan) terraform plan -input=false ;;
  apply)
    terraform plan -input=false -out=tfplan
    terraform apply -input=false tfplan
    rm -f tfplan
    ;;
  *)
    echo "usage: $0 [init|plan|apply]" >&2
    exit 2
    ;;
esac
