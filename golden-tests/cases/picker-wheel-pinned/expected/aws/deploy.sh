#!/usr/bin/env bash
# Deploys picker-wheel (dev) to AWS (ECS on Fargate) with Terraform.
# Rendered by scenario-to-cloud 0.1.0: change the bundle or the values and
# render again instead of editing this file.
#
#   ./deploy.sh [init|plan|apply]    (default: apply)
#
# AWS credentials come from the usual chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/..., or the role
# the CI assumes through OIDC). Secret values come only from the environment (TF_VAR_<name>)
# or, for remote_fetch secrets, from Vault; Terraform hands them to Secrets Manager through
# write-only arguments, so no value is ever in a plan, in the state or in a file.
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

missing=0
if [ -z "${TF_VAR_openrouter_openrouter_api_key:-}" ]; then
  echo "missing secret: set TF_VAR_openrouter_openrouter_api_key (user_prompt)" >&2
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
