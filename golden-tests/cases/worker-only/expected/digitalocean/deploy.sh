#!/usr/bin/env bash
# Deploys mailer (staging) to DigitalOcean App Platform with Terraform.
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

required=(terraform)
for tool in "${required[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "deploy.sh needs $tool on PATH" >&2
    exit 1
  fi
done

: "${DIGITALOCEAN_TOKEN:?DIGITALOCEAN_TOKEN must hold a DigitalOcean API token}"
export DIGITALOCEAN_TOKEN

missing=0
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
