#!/usr/bin/env bash
# Deploys s2c-e2e-demo (dev) to one Debian/Ubuntu host over ssh and scp: the plain-shell
# twin of ansible/site.yml. Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_RELEASE_ID=id] shell/deploy.sh
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS.
# Secrets are read from this environment (DEMO_TOKEN) and sent over ssh's stdin, never as
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
if [ -z "${DEMO_TOKEN:-}" ]; then echo "missing secret demo_token: set DEMO_TOKEN" >&2; missing=1; fi
[ "$missing" -eq 0 ] || exit 1

echo "::: preflight"
remote 'set -e; . /etc/os-release; case "$ID $ID_LIKE" in *debian*) ;; *) echo "not a Debian host: $ID" >&2; exit 1;; esac'

echo "::: runtime"
remote bash -s <<'REMOTE'
set -euo pipefail
id -u s2c-s2c-e2e-demo >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin --home-dir /opt/s2c-e2e-demo --no-create-home s2c-s2c-e2e-demo
install -d -m 0755 -o root -g root /etc/s2c /var/lib/s2c /var/log/s2c
install -d -m 0755 /opt/s2c-e2e-demo /opt/s2c-e2e-demo/releases
install -d -m 0750 -o s2c-s2c-e2e-demo -g s2c-s2c-e2e-demo /var/lib/s2c/s2c-e2e-demo /var/log/s2c/s2c-e2e-demo
install -d -m 0750 -g s2c-s2c-e2e-demo /etc/s2c/s2c-e2e-demo
install -d -m 0700 /etc/s2c/s2c-e2e-demo/generated
if [ ! -s /etc/s2c/s2c-e2e-demo/generated/signing_key ]; then (umask 077; head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32 > /etc/s2c/s2c-e2e-demo/generated/signing_key); fi
REMOTE

echo "::: release $release"
tar -C "$S2C_ARTIFACTS_DIR" -cf - . | remote "set -e; install -d /opt/s2c-e2e-demo/releases/$release; tar -C /opt/s2c-e2e-demo/releases/$release --no-same-owner -xf -; chown -R root:s2c-s2c-e2e-demo /opt/s2c-e2e-demo/releases/$release; chmod -R u=rwX,g=rX /opt/s2c-e2e-demo/releases/$release"

echo "::: secrets"
{
  env_line API_PORT 15000
  env_line LOG_LEVEL info
  env_line DEMO_TOKEN "${DEMO_TOKEN}"
} | remote "set -e; umask 077; f=/etc/s2c/s2c-e2e-demo/api.env; cat > \"\$f.new\"; printf 'SIGNING_KEY=\"%s\"\\n' \"\$(cat /etc/s2c/s2c-e2e-demo/generated/signing_key)\" >> \"\$f.new\"; chown s2c-s2c-e2e-demo:s2c-s2c-e2e-demo \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""

echo "::: switch and restart"
remote bash -s "$release" <<'REMOTE'
set -euo pipefail
release="$1"
cd /opt/s2c-e2e-demo
live="$(basename "$(readlink current 2>/dev/null || true)")"
if [ -n "$live" ] && [ "$live" != "$release" ]; then ln -sfn "releases/$live" previous.new && mv -Tf previous.new previous; fi
ln -sfn "releases/$release" current.new && mv -Tf current.new current
install -d /etc/supervisor/conf.d
cat > /etc/s2c/s2c-e2e-demo/api.run.new <<'RUN'
#!/bin/sh
# s2c-e2e-demo api: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/s2c-e2e-demo/api.env
set +a
exec /opt/s2c-e2e-demo/current/api/server.py
RUN
chown root:s2c-s2c-e2e-demo /etc/s2c/s2c-e2e-demo/api.run.new && chmod 0750 /etc/s2c/s2c-e2e-demo/api.run.new && mv -f /etc/s2c/s2c-e2e-demo/api.run.new /etc/s2c/s2c-e2e-demo/api.run
cat > /etc/supervisor/conf.d/s2c-e2e-demo-api.conf <<'CONF'
[program:s2c-e2e-demo-api]
command=/bin/sh /etc/s2c/s2c-e2e-demo/api.run
directory=/opt/s2c-e2e-demo/current/api
user=s2c-s2c-e2e-demo
priority=100
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/s2c-e2e-demo/api.log
CONF
supervisorctl pid >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
supervisorctl update >/dev/null
supervisorctl restart s2c-e2e-demo-api >/dev/null
install -d /etc/caddy/s2c
printf '# managed by scenario-to-cloud: one site file per scenario\nimport /etc/caddy/s2c/*.caddy\n' > /etc/caddy/Caddyfile
cat > /etc/caddy/s2c/s2c-e2e-demo.caddy.new <<'SITE'
# s2c-e2e-demo (dev): rendered by scenario-to-cloud; Caddy gets TLS certificates for a domain address itself
http://127.0.0.1:18080 {
	handle {
		reverse_proxy 127.0.0.1:15000
	}
	log {
		output file /var/log/caddy-s2c-e2e-demo.log
	}
}
SITE
mv -f /etc/caddy/s2c/s2c-e2e-demo.caddy.new /etc/caddy/s2c/s2c-e2e-demo.caddy
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
for _ in $(seq 1 10); do
  if curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:15000/health; then ok=1; break; fi
  sleep 1
done
[ "$ok" -eq 1 ] || { echo "api is not healthy" >&2; exit 1; }
REMOTE
then
  # like the playbook: current goes back to the last good release, which stays "previous"
  echo "release $release failed its health check; rolling back" >&2
  back="$(remote bash -s <<'REMOTE'
set -euo pipefail
cd /opt/s2c-e2e-demo
[ -L previous ] || { echo "no previous release to roll back to" >&2; exit 1; }
ln -sfn "$(readlink previous)" current.new && mv -Tf current.new current
supervisorctl restart s2c-e2e-demo-api >/dev/null
basename "$(readlink current)"
REMOTE
)"
  echo "release $release of s2c-e2e-demo failed its health check; rolled back to $back" >&2
  exit 1
fi
echo "deployed s2c-e2e-demo release $release"
