#!/usr/bin/env bash
# Deploys picker-wheel (staging) to one Debian/Ubuntu host over ssh and scp: the plain-shell
# twin of ansible/site.yml. Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_RELEASE_ID=id] shell/deploy.sh
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS.
# Secrets are read from this environment (SESSION_SECRET) and sent over ssh's stdin, never as
# arguments.
set -euo pipefail

: "${S2C_SSH_HOST:?set S2C_SSH_HOST to the host to deploy to}"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
release="${S2C_RELEASE_ID:-}"
if [ -z "$release" ]; then release=1.2.3; fi
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
if [ ! -s /etc/s2c/picker-wheel/generated/jwt_secret ]; then (umask 077; head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32 > /etc/s2c/picker-wheel/generated/jwt_secret); fi
REMOTE

echo "::: release $release"
tar -C "$S2C_ARTIFACTS_DIR" -cf - . | remote "set -e; install -d /opt/picker-wheel/releases/$release; tar -C /opt/picker-wheel/releases/$release --no-same-owner -xf -; chown -R root:s2c-picker-wheel /opt/picker-wheel/releases/$release; chmod -R u=rwX,g=rX /opt/picker-wheel/releases/$release"

echo "::: secrets"
{
  env_line DB_FILE data/picker-wheel/picker-wheel.db
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/sqlite.env; cat > \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
{
  env_line DATABASE_URL file:/var/lib/s2c/picker-wheel/picker-wheel.db
  env_line HTTP_PORT 47040
  env_line LOG_LEVEL info
  env_line SESSION_SECRET "${SESSION_SECRET}"
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/api.env; cat > \"\$f.new\"; printf 'JWT_SECRET=\"%s\"\\n' \"\$(cat /etc/s2c/picker-wheel/generated/jwt_secret)\" >> \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
{
  env_line API_BASE_URL http://127.0.0.1:47040
  env_line STATIC_DIR ui/dist
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/ui-server.env; cat > \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""

echo "::: switch and restart"
remote bash -s "$release" <<'REMOTE'
set -euo pipefail
release="$1"
cd /opt/picker-wheel
live="$(basename "$(readlink current 2>/dev/null || true)")"
if [ -n "$live" ] && [ "$live" != "$release" ]; then ln -sfn "releases/$live" previous.new && mv -Tf previous.new previous; fi
ln -sfn "releases/$release" current.new && mv -Tf current.new current
install -d /etc/supervisor/conf.d
cat > /etc/s2c/picker-wheel/sqlite.run.new <<'RUN'
#!/bin/sh
# picker-wheel sqlite: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/sqlite.env
set +a
exec /opt/picker-wheel/current/resources/sqlite/linux-x64/sqlite-server
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/sqlite.run.new && chmod 0750 /etc/s2c/picker-wheel/sqlite.run.new && mv -f /etc/s2c/picker-wheel/sqlite.run.new /etc/s2c/picker-wheel/sqlite.run
cat > /etc/supervisor/conf.d/picker-wheel-sqlite.conf <<'CONF'
[program:picker-wheel-sqlite]
command=/bin/sh /etc/s2c/picker-wheel/sqlite.run
directory=/opt/picker-wheel/current/resources/sqlite/linux-x64
user=s2c-picker-wheel
priority=100
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/picker-wheel/sqlite.log
CONF
cat > /etc/s2c/picker-wheel/api.run.new <<'RUN'
#!/bin/sh
# picker-wheel api: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/api.env
set +a
exec /opt/picker-wheel/current/services/api/linux-x64/picker-wheel-api
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/api.run.new && chmod 0750 /etc/s2c/picker-wheel/api.run.new && mv -f /etc/s2c/picker-wheel/api.run.new /etc/s2c/picker-wheel/api.run
cat > /etc/supervisor/conf.d/picker-wheel-api.conf <<'CONF'
[program:picker-wheel-api]
command=/bin/sh /etc/s2c/picker-wheel/api.run
directory=/opt/picker-wheel/current/services/api/linux-x64
user=s2c-picker-wheel
priority=101
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/picker-wheel/api.log
CONF
cat > /etc/s2c/picker-wheel/ui-server.run.new <<'RUN'
#!/bin/sh
# picker-wheel ui-server: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/ui-server.env
set +a
exec /opt/picker-wheel/current/services/ui-server/linux-x64/ui-server
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/ui-server.run.new && chmod 0750 /etc/s2c/picker-wheel/ui-server.run.new && mv -f /etc/s2c/picker-wheel/ui-server.run.new /etc/s2c/picker-wheel/ui-server.run
cat > /etc/supervisor/conf.d/picker-wheel-ui-server.conf <<'CONF'
[program:picker-wheel-ui-server]
command=/bin/sh /etc/s2c/picker-wheel/ui-server.run
directory=/opt/picker-wheel/current/services/ui-server/linux-x64
user=s2c-picker-wheel
priority=102
autostart=true
autorestart=true
startsecs=1
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=/var/log/s2c/picker-wheel/ui-server.log
CONF
supervisorctl pid >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
supervisorctl update >/dev/null
supervisorctl restart picker-wheel-sqlite picker-wheel-api picker-wheel-ui-server >/dev/null
REMOTE

echo "::: health"
if ! remote bash -s <<'REMOTE'
set -uo pipefail
ok=0
for _ in $(seq 1 5); do
  if (exec 3<>/dev/tcp/127.0.0.1/47080) 2>/dev/null; then ok=1; break; fi
  sleep 1
done
[ "$ok" -eq 1 ] || { echo "sqlite is not healthy" >&2; exit 1; }
ok=0
for _ in $(seq 1 5); do
  if curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:47040/healthz; then ok=1; break; fi
  sleep 1
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
supervisorctl restart picker-wheel-sqlite picker-wheel-api picker-wheel-ui-server >/dev/null
basename "$(readlink current)"
REMOTE
)"
  echo "release $release of picker-wheel failed its health check; rolled back to $back" >&2
  exit 1
fi
echo "deployed picker-wheel release $release"
