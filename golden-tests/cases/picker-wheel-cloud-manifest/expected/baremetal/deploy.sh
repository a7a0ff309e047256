#!/usr/bin/env bash
# Deploys picker-wheel (production) to the hosts in ansible/inventory.yml (copy it from
# inventory.example.yml). Rendered by scenario-to-cloud 0.1.0.
#   ./deploy.sh [release-id]          S2C_ARTIFACTS_DIR=... and the secrets in the environment
set -euo pipefail
cd "$(dirname "$0")/ansible"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
exec ansible-playbook -i "${S2C_INVENTORY:-inventory.yml}" site.yml \
  -e "s2c_artifacts_dir=$S2C_ARTIFACTS_DIR" -e "s2c_release_id=${1:-1.0.0}"
