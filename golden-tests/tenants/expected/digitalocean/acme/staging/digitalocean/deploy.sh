#!/usr/bin/env bash
# Deploys picker-wheel (staging) to DigitalOcean App Platform with Terraform.
# Rendered by scenario-to-cloud 0.1.0: change the bundle or the values and
# render again instead of editing this file.
#
#   ./deploy.sh [init|plan|apply|rollback]    (default: apply)
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

# Terraform state lives in DigitalOcean Spaces: bucket vrooli-tf-state, key tenants/picker-wheel/acme/staging/terraform.tfstate.
export AWS_ACCESS_KEY_ID="${SPACES_ACCESS_KEY_ID:?SPACES_ACCESS_KEY_ID must hold a Spaces access key}"
export AWS_SECRET_ACCESS_KEY="${SPACES_SECRET_ACCESS_KEY:?SPACES_SECRET_ACCESS_KEY must hold a Spaces secret key}"

missing=0
# init and rollback read only Terraform's state: they need no secret
if [ "$missing" -ne 0 ] && [ "$action" != "init" ] && [ "$action" != "rollback" ]; then
  exit 1
fi

# The App Platform API: the token goes in a header read from a file descriptor, never argv.
api="${DIGITALOCEAN_API_URL:-https://api.digitalocean.com}"

do_api() {
  local method="$1" path="$2"
  shift 2
  curl -fsS -X "$method" "$api$path" -H 'Content-Type: application/json' \
    -H @<(printf 'Authorization: Bearer %s\n' "$DIGITALOCEAN_TOKEN") "$@"
}

# A change starts a deployment; the run fails when it does.
wait_for_deployment() {
  local app_id="$1" phase="" waited=0
  while [ "$waited" -le "${S2C_DEPLOY_TIMEOUT:-1800}" ]; do
    phase="$(do_api GET "/v2/apps/$app_id/deployments?page=1&per_page=1" | jq -r '.deployments[0].phase // "UNKNOWN"')"
    case "$phase" in
      ACTIVE | SUPERSEDED)
        echo "deployment: $phase"
        return 0
        ;;
      ERROR | CANCELED)
        echo "deployment: $phase (see the app's deployment logs)" >&2
        return 1
        ;;
    esac
    sleep "${S2C_DEPLOY_POLL:-10}"
    waited=$((waited + ${S2C_DEPLOY_POLL:-10}))
  done
  echo "deployment: still $phase after ${S2C_DEPLOY_TIMEOUT:-1800}s" >&2
  return 1
}

terraform init -input=false
case "$action" in
  init) ;;
  plan) terraform plan -input=false ;;
  apply)
    terraform plan -input=false -out=tfplan
    terraform apply -input=false tfplan
    rm -f tfplan
    ;;
  rollback)
    # App Platform's own rollback to the last deployment that was live before this one: the fast
    # path while the rollback commit (scenario-to-cloud rollback, or verify --rollback-on-failure)
    # goes through review. skip_pin commits it at once, so the next apply is not blocked.
    for tool in curl jq; do
      command -v "$tool" >/dev/null 2>&1 || { echo "deploy.sh rollback needs $tool on PATH" >&2; exit 1; }
    done
    app_id="$(terraform output -raw app_id)"
    previous="$(do_api GET "/v2/apps/$app_id/deployments?page=1&per_page=20" \
      | jq -r '[.deployments[] | select(.phase == "SUPERSEDED")][0].id // empty')"
    if [ -z "$previous" ]; then
      echo "no earlier live deployment of the app to roll back to" >&2
      exit 1
    fi
    echo "rolling the app back to deployment $previous"
    jq -n --arg id "$previous" '{deployment_id: $id, skip_pin: true}' \
      | do_api POST "/v2/apps/$app_id/rollback" --data-binary @- >/dev/null
    wait_for_deployment "$app_id"
    ;;
  *)
    echo "usage: $0 [init|plan|apply|rollback]" >&2
    exit 2
    ;;
esac
