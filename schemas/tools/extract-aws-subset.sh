#!/bin/sh
# Writes schemas/src/main/resources/s2c/schemas/terraform/aws-6.25.0.subset.json: the AWS resource
# and data source types the aws target renders, from the shared extraction of @cdktf/provider-aws.
# Usage (from the repository root): schemas/tools/extract-aws-subset.sh ../shared/terraform/aws-6.25.0.schema.json
set -eu
src="${1:?path to aws-6.25.0.schema.json}"
python3 "$(dirname "$0")/extract-tf-subset.py" "$src" \
  schemas/src/main/resources/s2c/schemas/terraform/aws-6.25.0.subset.json \
  aws_vpc aws_subnet aws_internet_gateway aws_nat_gateway aws_eip aws_route_table aws_route \
  aws_route_table_association aws_security_group aws_vpc_security_group_ingress_rule \
  aws_vpc_security_group_egress_rule aws_ecs_cluster aws_ecs_service aws_ecs_task_definition \
  aws_cloudwatch_log_group aws_iam_role aws_iam_role_policy aws_iam_role_policy_attachment \
  aws_lb aws_lb_listener aws_lb_listener_rule aws_lb_target_group aws_acm_certificate \
  aws_acm_certificate_validation aws_route53_record aws_secretsmanager_secret \
  aws_secretsmanager_secret_version aws_db_instance aws_db_subnet_group \
  aws_elasticache_replication_group aws_elasticache_subnet_group \
  aws_service_discovery_private_dns_namespace aws_service_discovery_service \
  aws_eks_cluster aws_eks_pod_identity_association \
  --data aws_availability_zones aws_iam_policy_document
