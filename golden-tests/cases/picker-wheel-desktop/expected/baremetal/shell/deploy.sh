#!/usr/bin/env bash
# Deploys picker-wheel (staging) to one Debian/Ubuntu host over ssh: the plain-shell twin of
# ansible/site.yml (same packages, user, directories, release layout, files, units and checks).
# Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_VERSION=version] shell/deploy.sh [--no-wait]
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS,
# S2C_LOCK_WAIT (seconds to wait for another deploy of picker-wheel on the host, 600).
# Secrets are read from this environment (SESSION_SECRET) and sent over ssh's stdin, never as
# arguments.
set -euo pipefail

: "${S2C_SSH_HOST:?set S2C_SSH_HOST to the host to deploy to}"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
lock_wait="${S2C_LOCK_WAIT:-600}"
if [ "${1:-}" = "--no-wait" ]; then lock_wait=0; fi
version="${S2C_VERSION:-}"
if [ -z "$version" ]; then version=1.2.3; fi
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

# the release id is the version plus a digest of the artifacts, as in the playbook
digest="$(cd "$S2C_ARTIFACTS_DIR" && find . -type f | LC_ALL=C sort | while IFS= read -r f; do if [ -x "$f" ]; then m=x; else m=-; fi; printf '%s %s %s\n' "$(sha256sum < "$f" 2>/dev/null || shasum -a 256 < "$f")" "$m" "$f"; done | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-12)"
release="$version-$digest"

echo "::: lock"
lock_line="$(remote "S2C_LOCK_WAIT=$lock_wait S2C_LOCK_HOLDER='shell from $(hostname | tr -cd 'A-Za-z0-9.-')' sh -s" <<'REMOTE'
set -eu
lock=/etc/s2c/picker-wheel.lock
wait="${S2C_LOCK_WAIT:-600}"
install -d -m 0755 /etc/s2c
: >> "$lock"
token="${S2C_LOCK_HOLDER:-deploy} started $(date -u +%Y-%m-%dT%H:%M:%SZ) id $(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
if ! flock -n "$lock" true; then
  if [ "$wait" = 0 ]; then echo "another deploy of picker-wheel holds the lock: $(cat "$lock")" >&2; exit 75; fi
  echo "waiting up to $wait s for another deploy of picker-wheel: $(cat "$lock")" >&2
fi
setsid sh -c 'exec 9>>"$1"; flock -w "$2" 9 || exit 75; printf "%s pid %s\n" "$3" "$$" > "$1"; exec sleep 3600' \
  s2c-lock "$lock" "$wait" "$token" </dev/null >/dev/null 2>&1 &
end=$(( $(date +%s) + wait + 3 ))
while [ "$(date +%s)" -le "$end" ]; do
  if grep -qF "$token" "$lock"; then grep -F "$token" "$lock"; exit 0; fi
  sleep 0.2
done
echo "gave up after $wait s waiting for the deploy lock of picker-wheel: $(cat "$lock")" >&2
exit 75
REMOTE
)"
release_lock() {
  remote "S2C_LOCK_TOKEN=$(printf '%q' "$lock_line") sh -s" <<'REMOTE' >/dev/null || true
set -eu
lock=/etc/s2c/picker-wheel.lock
[ -n "${S2C_LOCK_TOKEN:-}" ] && [ -f "$lock" ] || exit 0
line="$(grep -F "$S2C_LOCK_TOKEN" "$lock" || true)"
[ -n "$line" ] || exit 0
pid="${line##* pid }"
printf 'free since %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$lock"
kill "$pid" 2>/dev/null || true
echo released
REMOTE
}
trap release_lock EXIT

echo "::: preflight"
remote 'set -e; . /etc/os-release; case "$ID $ID_LIKE" in *debian*) ;; *) echo "not a Debian host: $ID" >&2; exit 1;; esac'

echo "::: runtime"
remote bash -s <<'REMOTE'
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
id -u s2c-picker-wheel >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin --home-dir /opt/picker-wheel --no-create-home s2c-picker-wheel
install -d -m 0755 -o root -g root /etc/s2c /var/lib/s2c /var/log/s2c
install -d -m 0755 -o root -g s2c-picker-wheel /opt/picker-wheel /opt/picker-wheel/releases
install -d -m 0750 -o s2c-picker-wheel -g s2c-picker-wheel /var/lib/s2c/picker-wheel /var/log/s2c/picker-wheel
install -d -m 0750 -o root -g s2c-picker-wheel /etc/s2c/picker-wheel
install -d -m 0700 -o root -g s2c-picker-wheel /etc/s2c/picker-wheel/generated
if [ ! -s /etc/s2c/picker-wheel/generated/jwt_secret ]; then
  (umask 077; LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 > /etc/s2c/picker-wheel/generated/jwt_secret.new || true)
  [ "$(wc -c < /etc/s2c/picker-wheel/generated/jwt_secret.new)" -eq 32 ] || { echo "short secret jwt_secret" >&2; exit 1; }
  mv -f /etc/s2c/picker-wheel/generated/jwt_secret.new /etc/s2c/picker-wheel/generated/jwt_secret
fi
REMOTE

echo "::: release $release"
if remote "test -d /opt/picker-wheel/releases/$release"; then
  echo "release $release is on the host already"
else
  tar -C "$S2C_ARTIFACTS_DIR" -cf - . | remote "set -e; p=/opt/picker-wheel/releases/.$release.partial; rm -rf \"\$p\"; install -d \"\$p\"; tar -C \"\$p\" --no-same-owner -xf -; chown -R root:s2c-picker-wheel \"\$p\"; chmod -R u=rwX,g=rX,o= \"\$p\"; mv -T \"\$p\" /opt/picker-wheel/releases/$release"
fi

echo "::: secrets"
{
  env_line DB_FILE data/picker-wheel/picker-wheel.db
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/sqlite.env; cat > \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
{
  env_line DATABASE_URL file:/var/lib/s2c/picker-wheel/picker-wheel.db
  env_line HTTP_PORT 47040
  env_line LOG_LEVEL info
  env_line SESSION_SECRET "${SESSION_SECRET}"
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/api.env; cat > \"\$f.new\"; printf 'JWT_SECRET=\"%s%s%s\"\\n' '' \"\$(cat /etc/s2c/picker-wheel/generated/jwt_secret)\" '' >> \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
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
cat > /etc/systemd/system/picker-wheel-sqlite.service.new <<'UNIT'
# picker-wheel sqlite: rendered by scenario-to-cloud
[Unit]
Description=picker-wheel sqlite
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=s2c-picker-wheel
Group=s2c-picker-wheel
WorkingDirectory=/opt/picker-wheel/current/resources/sqlite/linux-x64
Environment=HOME=/var/lib/s2c/picker-wheel S2C_DATA_DIR=/var/lib/s2c/picker-wheel
# the run script sources the env file (it holds the secrets) and execs the service's exact argv
ExecStart=/bin/sh /etc/s2c/picker-wheel/sqlite.run
Restart=on-failure
RestartSec=2
SyslogIdentifier=picker-wheel-sqlite
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
ReadWritePaths=/var/lib/s2c/picker-wheel

[Install]
WantedBy=multi-user.target
UNIT
d="$(mktemp -d)"; cp /etc/systemd/system/picker-wheel-sqlite.service.new "$d/picker-wheel-sqlite.service"
systemd-analyze verify --man=no "$d/picker-wheel-sqlite.service"; rm -rf "$d"
chmod 0644 /etc/systemd/system/picker-wheel-sqlite.service.new && mv -f /etc/systemd/system/picker-wheel-sqlite.service.new /etc/systemd/system/picker-wheel-sqlite.service
cat > /etc/systemd/system/picker-wheel-api.service.new <<'UNIT'
# picker-wheel api: rendered by scenario-to-cloud
[Unit]
Description=picker-wheel api
After=network-online.target picker-wheel-sqlite.service
Wants=network-online.target picker-wheel-sqlite.service

[Service]
Type=simple
User=s2c-picker-wheel
Group=s2c-picker-wheel
WorkingDirectory=/opt/picker-wheel/current/services/api/linux-x64
Environment=HOME=/var/lib/s2c/picker-wheel S2C_DATA_DIR=/var/lib/s2c/picker-wheel
# the run script sources the env file (it holds the secrets) and execs the service's exact argv
ExecStart=/bin/sh /etc/s2c/picker-wheel/api.run
Restart=on-failure
RestartSec=2
SyslogIdentifier=picker-wheel-api
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
ReadWritePaths=/var/lib/s2c/picker-wheel

[Install]
WantedBy=multi-user.target
UNIT
d="$(mktemp -d)"; cp /etc/systemd/system/picker-wheel-api.service.new "$d/picker-wheel-api.service"
systemd-analyze verify --man=no "$d/picker-wheel-api.service"; rm -rf "$d"
chmod 0644 /etc/systemd/system/picker-wheel-api.service.new && mv -f /etc/systemd/system/picker-wheel-api.service.new /etc/systemd/system/picker-wheel-api.service
cat > /etc/systemd/system/picker-wheel-ui-server.service.new <<'UNIT'
# picker-wheel ui-server: rendered by scenario-to-cloud
[Unit]
Description=picker-wheel ui-server
After=network-online.target picker-wheel-api.service
Wants=network-online.target picker-wheel-api.service

[Service]
Type=simple
User=s2c-picker-wheel
Group=s2c-picker-wheel
WorkingDirectory=/opt/picker-wheel/current/services/ui-server/linux-x64
Environment=HOME=/var/lib/s2c/picker-wheel S2C_DATA_DIR=/var/lib/s2c/picker-wheel
# the run script sources the env file (it holds the secrets) and execs the service's exact argv
ExecStart=/bin/sh /etc/s2c/picker-wheel/ui-server.run
Restart=on-failure
RestartSec=2
SyslogIdentifier=picker-wheel-ui-server
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
ReadWritePaths=/var/lib/s2c/picker-wheel

[Install]
WantedBy=multi-user.target
UNIT
d="$(mktemp -d)"; cp /etc/systemd/system/picker-wheel-ui-server.service.new "$d/picker-wheel-ui-server.service"
systemd-analyze verify --man=no "$d/picker-wheel-ui-server.service"; rm -rf "$d"
chmod 0644 /etc/systemd/system/picker-wheel-ui-server.service.new && mv -f /etc/systemd/system/picker-wheel-ui-server.service.new /etc/systemd/system/picker-wheel-ui-server.service
systemctl daemon-reload
systemctl enable picker-wheel-sqlite.service >/dev/null 2>&1
systemctl restart picker-wheel-sqlite.service
systemctl enable picker-wheel-api.service >/dev/null 2>&1
systemctl restart picker-wheel-api.service
systemctl enable picker-wheel-ui-server.service >/dev/null 2>&1
systemctl restart picker-wheel-ui-server.service
cd releases
keep="$(basename "$(readlink -f ../current)") $(basename "$(readlink -f ../previous 2>/dev/null || true)")"
ls -1t | tail -n +4 | while read -r old; do
  case " $keep " in *" $old "*) ;; *) rm -rf -- "$old" ;; esac
done
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
  if (exec 3<>/dev/tcp/127.0.0.1/47040 && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' /healthz >&3 && timeout 2 head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200 ') 2>/dev/null; then ok=1; break; fi
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
systemctl restart picker-wheel-sqlite picker-wheel-api picker-wheel-ui-server >/dev/null
basename "$(readlink current)"
REMOTE
)"
  echo "release $release of picker-wheel failed its health check; rolled back to $back" >&2
  exit 1
fi
echo "deployed picker-wheel release $release"
