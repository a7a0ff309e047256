#!/usr/bin/env bash
# Deploys picker-wheel (production) to one Debian/Ubuntu host over ssh and scp: the plain-shell
# twin of ansible/site.yml. Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_RELEASE_ID=id] shell/deploy.sh
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS.
# Secrets are read from this environment (N8N_URL, QDRANT_URL, SESSION_SECRET) and sent over ssh's stdin, never as
# arguments.
set -euo pipefail

: "${S2C_SSH_HOST:?set S2C_SSH_HOST to the host to deploy to}"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
release="${S2C_RELEASE_ID:-}"
if [ -z "$release" ]; then release=1.0.0; fi
ssh_opts=(-p "${S2C_SSH_PORT:-22}" -o BatchMode=yes)
if [ -n "${S2C_SSH_KEY:-}" ]; then ssh_opts+=(-i "$S2C_SSH_KEY"); fi
if [ -n "${S2C_SSH_KNOWN_HOSTS:-}" ]; then ssh_opts+=(-o "UserKnownHostsFile=$S2C_SSH_KNOWN_HOSTS"); fi
target="${S2C_SSH_USER:-root}@$S2C_SSH_HOST"

remote() {
  ssh "${ssh_opts[@]}" "$target" "$@"
}

# KEY="value" with the value quoted for POSIX sh and systemd alike
env_line() {
  local value="$2"
  value="${value//\\/\\\\}"
  value="${value//\"/\\\"}"
  value="${value//\$/\\\$}"
  value="${value//\`/\\\`}"
  printf '%s="%s"\n' "$1" "$value"
}

missing=0
if [ -z "${N8N_URL:-}" ]; then echo "missing secret n8n_url: set N8N_URL" >&2; missing=1; fi
if [ -z "${QDRANT_URL:-}" ]; then echo "missing secret qdrant_url: set QDRANT_URL" >&2; missing=1; fi
if [ -z "${SESSION_SECRET:-}" ]; then echo "missing secret session_secret: set SESSION_SECRET" >&2; missing=1; fi
[ "$missing" -eq 0 ] || exit 1

echo "::: preflight"
remote 'set -e; . /etc/os-release; case "$ID $ID_LIKE" in *debian*) ;; *) echo "not a Debian host: $ID" >&2; exit 1;; esac'

echo "::: runtime"
remote bash -s <<'REMOTE'
set -euo pipefail
id -u s2c-picker-wheel >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin --home-dir /opt/picker-wheel --no-create-home s2c-picker-wheel
install -d -m 0755 -o root -g root /etc/s2c /var/lib/s2c /var/log/s2c
install -d -m 0755 /opt/picker-wheel /opt/picker-wheel/releases
install -d -m 0750 -o s2c-picker-wheel -g s2c-picker-wheel /var/lib/s2c/picker-wheel /var/log/s2c/picker-wheel
install -d -m 0750 -g s2c-picker-wheel /etc/s2c/picker-wheel
install -d -m 0700 /etc/s2c/picker-wheel/generated
if [ ! -s /etc/s2c/picker-wheel/generated/postgres_password ]; then (umask 077; head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 24 > /etc/s2c/picker-wheel/generated/postgres_password); fi
REMOTE

echo "::: release $release"
tar -C "$S2C_ARTIFACTS_DIR" -cf - . | remote "set -e; install -d /opt/picker-wheel/releases/$release; tar -C /opt/picker-wheel/releases/$release --no-same-owner -xf -; chown -R root:s2c-picker-wheel /opt/picker-wheel/releases/$release; chmod -R u=rwX,g=rX /opt/picker-wheel/releases/$release"

echo "::: secrets"
{
  env_line API_PORT 8080
  env_line POSTGRES_DB picker_wheel
  env_line POSTGRES_HOST 127.0.0.1
  env_line POSTGRES_PORT 5432
  env_line POSTGRES_USER picker_wheel_app
  env_line SESSION_SECRET "${SESSION_SECRET}"
  env_line N8N_URL "${N8N_URL}"
  env_line QDRANT_URL "${QDRANT_URL}"
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/api.env; cat > \"\$f.new\"; printf 'POSTGRES_PASSWORD=\"%s\"\\n' \"\$(cat /etc/s2c/picker-wheel/generated/postgres_password)\" >> \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
{
  env_line UI_PORT 3000
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/ui.env; cat > \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""

echo "::: switch and restart"
remote bash -s "$release" <<'REMOTE'
set -euo pipefail
release="$1"
cd /opt/picker-wheel
live="$(basename "$(readlink current 2>/dev/null || true)")"
if [ -n "$live" ] && [ "$live" != "$release" ]; then ln -sfn "releases/$live" previous.new && mv -Tf previous.new previous; fi
ln -sfn "releases/$release" current.new && mv -Tf current.new current
install -d /etc/supervisor/conf.d
cat > /etc/s2c/picker-wheel/api.run.new <<'RUN'
#!/bin/sh
# picker-wheel api: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/api.env
set +a
exec /opt/picker-wheel/current/api/picker-wheel-api
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/api.run.new && chmod 0750 /etc/s2c/picker-wheel/api.run.new && mv -f /etc/s2c/picker-wheel/api.run.new /etc/s2c/picker-wheel/api.run
cat > /etc/supervisor/conf.d/picker-wheel-api.conf <<'CONF'
[program:picker-wheel-api]
command=/bin/sh /etc/s2c/picker-wheel/api.run
directory=/opt/picker-wheel/current/api
user=s2c-picker-wheel
priority=100
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/picker-wheel/api.log
CONF
cat > /etc/s2c/picker-wheel/ui.run.new <<'RUN'
#!/bin/sh
# picker-wheel ui: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/ui.env
set +a
exec /usr/bin/env node server.js
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/ui.run.new && chmod 0750 /etc/s2c/picker-wheel/ui.run.new && mv -f /etc/s2c/picker-wheel/ui.run.new /etc/s2c/picker-wheel/ui.run
cat > /etc/supervisor/conf.d/picker-wheel-ui.conf <<'CONF'
[program:picker-wheel-ui]
command=/bin/sh /etc/s2c/picker-wheel/ui.run
directory=/opt/picker-wheel/current/ui
user=s2c-picker-wheel
priority=101
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/picker-wheel/ui.log
CONF
supervisorctl pid >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
supervisorctl update >/dev/null
supervisorctl restart picker-wheel-api picker-wheel-ui >/dev/null
install -d /etc/caddy/s2c
printf '# managed by scenario-to-cloud: one site file per scenario\nimport /etc/caddy/s2c/*.caddy\n' > /etc/caddy/Caddyfile
cat > /etc/caddy/s2c/picker-wheel.caddy.new <<'SITE'
# picker-wheel (production): rendered by scenario-to-cloud; Caddy gets TLS certificates for a domain address itself
wheel.example.org {
	tls ops@example.org
	handle /api* {
		reverse_proxy 127.0.0.1:8080
	}
	handle {
		reverse_proxy 127.0.0.1:3000
	}
	log {
		output file /var/log/caddy-picker-wheel.log
	}
}
SITE
mv -f /etc/caddy/s2c/picker-wheel.caddy.new /etc/caddy/s2c/picker-wheel.caddy
if ! out="$(caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile 2>&1)"; then echo "$out" >&2; exit 1; fi
if ! supervisorctl status s2c-caddy 2>/dev/null | grep -q RUNNING; then
  printf '[program:s2c-caddy]\ncommand=/usr/bin/caddy run --config /etc/caddy/Caddyfile --adapter caddyfile\nautostart=true\nautorestart=true\nredirect_stderr=true\nstdout_logfile=/var/log/caddy-s2c.log\nenvironment=HOME="/var/lib/caddy",XDG_DATA_HOME="/var/lib/caddy",XDG_CONFIG_HOME="/etc/caddy"\n' > /etc/supervisor/conf.d/s2c-caddy.conf
  supervisorctl update >/dev/null
else
  caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null 2>&1
fi
REMOTE

echo "::: health"
if ! remote bash -s <<'REMOTE'
set -uo pipefail
ok=0
for _ in $(seq 1 3); do
  if curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:8080/health; then ok=1; break; fi
  sleep 30
done
[ "$ok" -eq 1 ] || { echo "api is not healthy" >&2; exit 1; }
REMOTE
then
  # like the playbook: current goes back to the last good release, which stays "previous"
  echo "release $release failed its health check; rolling back" >&2
  back="$(remote bash -s <<'REMOTE'
set -euo pipefail
cd /opt/picker-wheel
[ -L previous ] || { echo "no previous release to roll back to" >&2; exit 1; }
ln -sfn "$(readlink previous)" current.new && mv -Tf current.new current
supervisorctl restart picker-wheel-api picker-wheel-ui >/dev/null
basename "$(readlink current)"
REMOTE
)"
  echo "release $release of picker-wheel failed its health check; rolled back to $back" >&2
  exit 1
fi
echo "deployed picker-wheel release $release"
