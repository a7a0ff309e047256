#!/usr/bin/env bash
# Switches picker-wheel (production) back to the previous release and restarts it.
# Rendered by scenario-to-cloud 0.1.0; same S2C_SSH_* variables as deploy.sh.
set -euo pipefail

: "${S2C_SSH_HOST:?set S2C_SSH_HOST to the host}"
ssh_opts=(-p "${S2C_SSH_PORT:-22}" -o BatchMode=yes)
if [ -n "${S2C_SSH_KEY:-}" ]; then ssh_opts+=(-i "$S2C_SSH_KEY"); fi
if [ -n "${S2C_SSH_KNOWN_HOSTS:-}" ]; then ssh_opts+=(-o "UserKnownHostsFile=$S2C_SSH_KNOWN_HOSTS"); fi

ssh "${ssh_opts[@]}" "${S2C_SSH_USER:-root}@$S2C_SSH_HOST" bash -s <<'REMOTE'
set -euo pipefail
cd /opt/picker-wheel
[ -L previous ] || { echo "no previous release to roll back to" >&2; exit 1; }
back="$(readlink previous)"
now="$(readlink current)"
ln -sfn "$back" current.new && mv -Tf current.new current
ln -sfn "$now" previous.new && mv -Tf previous.new previous
true
/etc/s2c/picker-wheel/cutover >/dev/null
echo "rolled back picker-wheel to $(basename "$back")"
REMOTE
