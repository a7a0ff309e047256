#!/usr/bin/env bash
# Deploys picker-wheel (staging) to AWS (ECS on Fargate) with Terraform.
# Rendered by scenario-to-cloud 0.1.0: change the bundle or the values and
# render again instead of editing this file.
#
#   ./deploy.sh [init|plan|apply|migrate]    (default: apply)
#
# AWS credentials come from the usual chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/..., or the role
# the CI assumes through OIDC). Secret values come only from the environment (TF_VAR_<name>)
# or, for remote_fetch secrets, from Vault; Terraform hands them to Secrets Manager through
# write-only arguments, so no value is ever in a plan, in the state or in a file.
set -euo pipefail

cd "$(dirname "$0")/terraform"
action="${1:-apply}"

required=(terraform aws jq)
for tool in "${required[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "deploy.sh needs $tool on PATH" >&2
    exit 1
  fi
done

missing=0
if [ -z "${TF_VAR_session_secret:-}" ]; then
  echo "missing secret: set TF_VAR_session_secret (user_prompt)" >&2
  missing=1
fi
if [ "$missing" -ne 0 ] && [ "$action" != "init" ]; then
  exit 1
fi

# A migration runs as a one-off Fargate task of its service's image, in the service's network,
# and must succeed before the services are updated (the schema moves before the code). Its ids
# come from the state the targeted apply just wrote.
state_value() {
  jq -r --arg address "$1" --arg key "$2" \
    '[.values.root_module.resources[]? | select(.address == $address) | .values[$key]][0] // empty' <<<"$state"
}

run_migration() {
  local definition group task code subnets
  definition="$(state_value "aws_ecs_task_definition.$1" arn)"
  group="$(state_value "aws_security_group.$2" id)"
  subnets="$(jq -r '[.values.root_module.resources[]? | select(.address | test("^aws_subnet[.]private_")) | .values.id] | join(",")' <<<"$state")"
  task="$(aws ecs run-task --cluster "$cluster" --launch-type FARGATE \
    --task-definition "$definition" \
    --network-configuration "awsvpcConfiguration={subnets=[$subnets],securityGroups=[$group],assignPublicIp=DISABLED}" \
    --query 'tasks[0].taskArn' --output text)"
  echo "migration $1: task $task"
  aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
  code="$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
    --query 'tasks[0].containers[0].exitCode' --output text)"
  if [ "$code" != "0" ]; then
    echo "migration $1 failed (exit code $code); its log is in CloudWatch under the service's log group, prefix migration" >&2
    return 1
  fi
}

migrate() {
  local state cluster
  # the migrations' task definitions and what they need, before anything else changes
  terraform apply -input=false -auto-approve -target=aws_ecs_cluster.main -target=aws_ecs_task_definition.api_migrate_20250101t000 -target=aws_iam_role_policy.execution_secrets -target=aws_iam_role_policy_attachment.execution -target=aws_route.private_1_nat -target=aws_route.private_2_nat -target=aws_route_table_association.private_1 -target=aws_route_table_association.private_2 -target=aws_secretsmanager_secret_version.jwt_secret -target=aws_secretsmanager_secret_version.session_secret -target=aws_vpc_security_group_egress_rule.api_out
  state="$(terraform show -json)"
  cluster="$(state_value aws_ecs_cluster.main name)"
  run_migration api_migrate_20250101t000 api
}

terraform init -input=false
case "$action" in
  init) ;;
  plan) terraform plan -input=false ;;
  migrate) migrate ;;
  apply)
    migrate
    terraform plan -input=false -out=tfplan
    terraform apply -input=false tfplan
    rm -f tfplan
    ;;
  *)
    echo "usage: $0 [init|plan|apply|migrate]" >&2
    exit 2
    ;;
esac
