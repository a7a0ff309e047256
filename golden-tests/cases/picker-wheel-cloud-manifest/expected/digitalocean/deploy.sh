#!/usr/bin/env bash
# Deploys picker-wheel (production) to DigitalOcean App Platform with Terraform.
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

# remote_fetch secrets: read from Vault when the CI has not set TF_VAR_<name> itself.
fetch_from_vault() {
  local var="TF_VAR_$1"
  if [ -n "${!var:-}" ] || [ -z "${VAULT_ADDR:-}" ]; then
    return 0
  fi
  local value
  value="$(vault kv get -field=value "${S2C_VAULT_PREFIX:-secret/picker-wheel/production}/$2")"
  export "$var=$value"
}
fetch_from_vault n8n_url n8n_url
fetch_from_vault qdrant_url qdrant_url

missing=0
if [ -z "${TF_VAR_session_secret:-}" ]; then
  echo "missing secret: set TF_VAR_session_secret (user_prompt, injected as SESSION_SECRET)" >&2
  missing=1
fi
if [ -z "${TF_VAR_n8n_url:-}" ]; then
  echo "missing secret: set TF_VAR_n8n_url (remote_fetch, injected as N8N_URL)" >&2
  missing=1
fi
if [ -z "${TF_VAR_qdrant_url:-}" ]; then
  echo "missing secret: set TF_VAR_qdrant_url (remote_fetch, injected as QDRANT_URL)" >&2
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
