#!/usr/bin/env bash
# Deploys picker-wheel (prod) to the hosts in ansible/inventory.yml (copy it from
# inventory.example.yml). Rendered by scenario-to-cloud 0.1.0.
#   ./deploy.sh [--no-wait] [version]   S2C_ARTIFACTS_DIR=... and the secrets in the environment
# The release id is the version plus a digest of the artifacts. Another deploy of picker-wheel on
# a host holds its lock: this one waits for it (600 s), or fails at once with --no-wait.
set -euo pipefail
cd "$(dirname "$0")/ansible"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
lock=()
if [ "${1:-}" = "--no-wait" ]; then lock=(-e s2c_lock_wait=0); shift; fi
exec ansible-playbook -i "${S2C_INVENTORY:-inventory.yml}" site.yml "${lock[@]}" \
  -e "s2c_artifacts_dir=$S2C_ARTIFACTS_DIR" -e "s2c_version=${1:-1.0.0}"
