#!/usr/bin/env bash
# Deploys ledger (prod) to AWS (EKS Auto Mode) with Terraform, kubectl and Helm.
# Rendered by scenario-to-cloud 0.1.0: change the bundle or the values and
# render again instead of editing this file.
#
#   ./deploy.sh [init|plan|apply|cluster|release]    (default: apply)
#
# AWS credentials come from the usual chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/..., or the role
# the CI assumes through OIDC). Secret values come only from the environment (TF_VAR_<name>)
# or, for remote_fetch secrets, from Vault; Terraform hands them to Secrets Manager through
# write-only arguments, so no value is ever in a plan, in the state or in a file.
set -euo pipefail

cd "$(dirname "$0")/terraform"
action="${1:-apply}"

required=(terraform aws kubectl helm jq)
for tool in "${required[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "deploy.sh needs $tool on PATH" >&2
    exit 1
  fi
done

# Terraform state: s3://example-tf-state/apps/ledger/prod/terraform.tfstate, locked with an S3 lock file.

missing=0
if [ -z "${TF_VAR_stripe_key:-}" ]; then
  echo "missing secret: set TF_VAR_stripe_key (user_prompt)" >&2
  missing=1
fi
if [ "$missing" -ne 0 ] && [ "$action" != "init" ]; then
  exit 1
fi

# After Terraform: the cluster's own objects and External Secrets Operator, then the chart, with
# the identity that applied (the cluster's creator administers it through an access entry).
export KUBECONFIG="${KUBECONFIG:-$PWD/.kubeconfig}"

connect() {
  aws eks update-kubeconfig --region eu-central-1 --name "$(terraform output -raw cluster_name)" >/dev/null
}

cluster() {
  connect
  # the node pool before anything that runs pods: until it exists only the system pool does, whose
  # taint keeps every other pod (the operator's too) pending
  kubectl apply --filename ../cluster/
  helm upgrade --install external-secrets external-secrets \
    --repo https://charts.external-secrets.io --version 0.20.4 \
    --namespace external-secrets --create-namespace --wait --timeout 10m
  # the secret store's kind exists once the operator is installed
  kubectl apply --filename ../cluster/secrets/
  local arn
  arn="$(terraform output -raw certificate_arn)"
  # an ACM ARN has no character JSON or the shell would read; anything else is refused
  if [[ ! "$arn" =~ ^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$ ]]; then
    echo "unexpected certificate ARN from terraform output: $arn" >&2
    exit 1
  fi
  kubectl patch ingressclassparams alb --type merge \
    --patch "{\"spec\":{\"certificateARNs\":[\"$arn\"]}}"
}

# The ALB exists once EKS has seen the chart's Ingress; the domain becomes an alias of it.
alias_record() {
  local host="" zone
  for _ in $(seq 60); do
    host="$(kubectl get ingress --namespace ledger-prod \
      --selector app.kubernetes.io/instance=ledger \
      --output jsonpath='{.items[0].status.loadBalancer.ingress[0].hostname}')"
    [ -n "$host" ] && break
    sleep 10
  done
  if [[ ! "$host" =~ ^[a-z0-9.-]+$ ]]; then
    echo "the Ingress has no load balancer host name after 10 minutes: '$host'" >&2
    exit 1
  fi
  zone="$(aws elbv2 describe-load-balancers --region eu-central-1 \
    --query "LoadBalancers[?DNSName=='$host'].CanonicalHostedZoneId | [0]" --output text)"
  aws route53 change-resource-record-sets --hosted-zone-id Z0123456789ABCDEFGHIJ --change-batch "$(jq -n \
    --arg name ledger.example.com --arg host "$host" --arg zone "$zone" \
    '{Changes: [{Action: "UPSERT", ResourceRecordSet: {Name: $name, Type: "A",
      AliasTarget: {HostedZoneId: $zone, DNSName: $host, EvaluateTargetHealth: true}}}]}')" >/dev/null
  echo "alias: $host"
}

release() {
  connect
  # migrations are the chart's hook Jobs: Helm runs them and waits for them
  helm upgrade --install ledger ../chart/ledger \
    --values ../values/prod.yaml \
    --namespace ledger-prod --create-namespace --wait --timeout 15m
  alias_record
}

terraform init -input=false
case "$action" in
  init) ;;
  plan) terraform plan -input=false ;;
  apply)
    terraform plan -input=false -out=tfplan
    terraform apply -input=false tfplan
    rm -f tfplan
    cluster
    release
    ;;
  cluster) cluster ;;
  release) release ;;
  *)
    echo "usage: $0 [init|plan|apply|cluster|release]" >&2
    exit 2
    ;;
esac
