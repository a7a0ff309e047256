#!/usr/bin/env bash
# Deploys picker-wheel (production) to one Debian/Ubuntu host over ssh: the plain-shell twin of
# ansible/site.yml (same packages, user, directories, release layout, files, units and checks).
# Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_VERSION=version] shell/deploy.sh [--no-wait]
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS,
# S2C_LOCK_WAIT (seconds to wait for another deploy of picker-wheel on the host, 600).
# Secrets are read from this environment (N8N_URL, QDRANT_URL, SESSION_SECRET) and sent over ssh's stdin, never as
# arguments.
set -euo pipefail

: "${S2C_SSH_HOST:?set S2C_SSH_HOST to the host to deploy to}"
: "${S2C_ARTIFACTS_DIR:?set S2C_ARTIFACTS_DIR to the directory holding the service binaries}"
lock_wait="${S2C_LOCK_WAIT:-600}"
if [ "${1:-}" = "--no-wait" ]; then lock_wait=0; fi
version="${S2C_VERSION:-}"
if [ -z "$version" ]; then version=1.0.0; fi
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
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mmin -60 2>/dev/null | head -1)" ]; then apt-get update -qq; fi
apt-get install -y -qq nodejs postgresql caddy >/dev/null
id -u s2c-picker-wheel >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin --home-dir /opt/picker-wheel --no-create-home s2c-picker-wheel
install -d -m 0755 -o root -g root /etc/s2c /var/lib/s2c /var/log/s2c
install -d -m 0755 -o root -g s2c-picker-wheel /opt/picker-wheel /opt/picker-wheel/releases
install -d -m 0750 -o s2c-picker-wheel -g s2c-picker-wheel /var/lib/s2c/picker-wheel /var/log/s2c/picker-wheel
install -d -m 0750 -o root -g s2c-picker-wheel /etc/s2c/picker-wheel
install -d -m 0700 -o root -g s2c-picker-wheel /etc/s2c/picker-wheel/generated
if [ ! -s /etc/s2c/picker-wheel/generated/postgres_password ]; then
  (umask 077; LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 24 > /etc/s2c/picker-wheel/generated/postgres_password.new || true)
  [ "$(wc -c < /etc/s2c/picker-wheel/generated/postgres_password.new)" -eq 24 ] || { echo "short secret postgres_password" >&2; exit 1; }
  mv -f /etc/s2c/picker-wheel/generated/postgres_password.new /etc/s2c/picker-wheel/generated/postgres_password
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
  env_line API_PORT 8080
  env_line POSTGRES_DB picker_wheel
  env_line POSTGRES_HOST 127.0.0.1
  env_line POSTGRES_PORT 5432
  env_line POSTGRES_USER picker_wheel_app
  env_line SESSION_SECRET "${SESSION_SECRET}"
  env_line N8N_URL "${N8N_URL}"
  env_line QDRANT_URL "${QDRANT_URL}"
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/api.env; cat > \"\$f.new\"; printf 'POSTGRES_PASSWORD=\"%s%s%s\"\\n' '' \"\$(cat /etc/s2c/picker-wheel/generated/postgres_password)\" '' >> \"\$f.new\"; printf 'DATABASE_URL=\"%s%s%s\"\\n' 'postgresql://picker_wheel_app:' \"\$(cat /etc/s2c/picker-wheel/generated/postgres_password)\" '@127.0.0.1:5432/picker_wheel' >> \"\$f.new\"; printf 'POSTGRES_URL=\"%s%s%s\"\\n' 'postgresql://picker_wheel_app:' \"\$(cat /etc/s2c/picker-wheel/generated/postgres_password)\" '@127.0.0.1:5432/picker_wheel' >> \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""
{
  env_line UI_PORT 3000
} | remote "set -e; umask 077; f=/etc/s2c/picker-wheel/ui.env; cat > \"\$f.new\"; chown s2c-picker-wheel:s2c-picker-wheel \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""

echo "::: resources"
remote bash -s <<'REMOTE'
set -euo pipefail
systemctl enable --now postgresql >/dev/null 2>&1 || service postgresql start
cd /
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'picker_wheel_app') THEN CREATE ROLE picker_wheel_app LOGIN; END IF; END \$\$;"
printf "ALTER ROLE picker_wheel_app PASSWORD '%s';\n" "$(cat /etc/s2c/picker-wheel/generated/postgres_password)" | runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA >/dev/null
owner="$(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -tAc "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'picker_wheel'")"
if [ -z "$owner" ]; then runuser -u postgres -- createdb -O picker_wheel_app picker_wheel
elif [ "$owner" != picker_wheel_app ]; then runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc 'ALTER DATABASE picker_wheel OWNER TO picker_wheel_app'; fi
REMOTE

echo "::: switch and restart"
remote bash -s "$release" <<'REMOTE'
set -euo pipefail
release="$1"
cd /opt/picker-wheel
live="$(basename "$(readlink current 2>/dev/null || true)")"
if [ -n "$live" ] && [ "$live" != "$release" ]; then ln -sfn "releases/$live" previous.new && mv -Tf previous.new previous; fi
ln -sfn "releases/$release" current.new && mv -Tf current.new current
cat > /etc/s2c/picker-wheel/api.run.new <<'RUN'
#!/bin/sh
# picker-wheel api: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/api.env
set +a
# an instance started for a switch listens on the port it is named after
if [ -n "${1:-}" ]; then export API_PORT="$1"; fi
exec ./picker-wheel-api
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/api.run.new && chmod 0750 /etc/s2c/picker-wheel/api.run.new && mv -f /etc/s2c/picker-wheel/api.run.new /etc/s2c/picker-wheel/api.run
cat > /etc/s2c/picker-wheel/ui.run.new <<'RUN'
#!/bin/sh
# picker-wheel ui: rendered by scenario-to-cloud. The env file holds the secrets,
# so it is sourced here, never put on a command line.
set -a
. /etc/s2c/picker-wheel/ui.env
set +a
# an instance started for a switch listens on the port it is named after
if [ -n "${1:-}" ]; then export UI_PORT="$1"; fi
exec /usr/bin/env node server.js
RUN
chown root:s2c-picker-wheel /etc/s2c/picker-wheel/ui.run.new && chmod 0750 /etc/s2c/picker-wheel/ui.run.new && mv -f /etc/s2c/picker-wheel/ui.run.new /etc/s2c/picker-wheel/ui.run
cat > /etc/s2c/picker-wheel/cutover.new <<'CUTOVER'
#!/bin/bash
# picker-wheel: zero-downtime switch of the services with a port of their own; rendered by scenario-to-cloud,
# run by the playbook and by the shell twin (see HostUnits.cutover).
set -euo pipefail
root=/opt/picker-wheel
conf=/etc/s2c/picker-wheel
ups=/etc/caddy/s2c/upstreams
site=/etc/caddy/s2c/picker-wheel.caddy
install -d -m 0755 "$ups" "$root/slots"
release="$(readlink -f "$root/current")"
[ -d "$release" ] || { echo "no current release under $root" >&2; exit 1; }
probe_http() { (exec 3<>/dev/tcp/127.0.0.1/"$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 && timeout "$3" head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200 ') 2>/dev/null; }
probe_tcp() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(shuf -i 20000-29999 -n 1)
    if ! probe_tcp "$p" && [ ! -e "$root/slots/$1@$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}
reload_caddy() {
  # the stable ports are Caddy's: once the site is in place (the first deploy writes it after this), reload it
  if [ -f "$site" ] && systemctl is-active --quiet caddy; then caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null 2>&1; fi
}
switch_to() {
  local name="$1" workdir="$2" kind="$3" path="$4" retries="$5" delay="$6" timeout="$7"
  local unit="picker-wheel-$name" stamp live="" kept="" port ok=0 old p
  stamp="$(basename "$release") $(cat "$conf/$name.env" "$conf/$name.run" "/etc/systemd/system/$unit@.service" | sha256sum | cut -c1-16)"
  if [ -f "$conf/$name.live" ]; then read -r live kept < "$conf/$name.live" || true; fi
  if [ -n "$live" ] && [ "$kept" = "$stamp" ] && systemctl is-active --quiet "$unit@$live.service"; then
    echo "kept $name on port $live"
    return 0
  fi
  port="$(free_port "$name")" || { echo "$name: no free port in 20000-29999" >&2; return 1; }
  ln -sfn "$release/$workdir" "$root/slots/$name@$port"
  systemctl start "$unit@$port.service" || true  # a start that fails is found by the check below
  for _ in $(seq 1 "$retries"); do
    if systemctl is-active --quiet "$unit@$port.service" && "probe_$kind" "$port" "$path" "$timeout"; then ok=1; break; fi
    sleep "$delay"
  done
  if [ "$ok" -ne 1 ]; then
    journalctl -u "$unit@$port.service" -n 20 --no-pager -o cat >&2 || true
    systemctl stop "$unit@$port.service" || true
    rm -f "$root/slots/$name@$port"
    echo "$name of release $(basename "$release") never became healthy on port $port; the running instance keeps serving" >&2
    return 1
  fi
  install -d -m 0755 "$ups/$unit"
  printf 'reverse_proxy 127.0.0.1:%s\n' "$port" > "$ups/$unit/live.new"
  mv -f "$ups/$unit/live.new" "$ups/$unit/live"
  # a unit of the layout before switching (one fixed instance) holds the stable port: it goes once
  if [ -f "/etc/systemd/system/$unit.service" ]; then
    systemctl disable --now --quiet "$unit.service" || true
    rm -f "/etc/systemd/system/$unit.service"
    systemctl daemon-reload
  fi
  reload_caddy
  systemctl enable --quiet "$unit@$port.service"
  for old in $(systemctl list-units --all --plain --no-legend "$unit@*.service" | awk '{print $1}'); do
    [ "$old" = "$unit@$port.service" ] && continue
    systemctl disable --quiet "$old" 2>/dev/null || true
    systemctl stop "$old" || true
    p="${old#"$unit@"}"
    rm -f "$root/slots/$name@${p%.service}"
  done
  printf '%s %s\n' "$port" "$stamp" > "$conf/$name.live"
  echo "switched $name to port $port"
}
switch_to api api http /health 3 30 5
switch_to ui ui http /health 3 45 3
CUTOVER
chown root:root /etc/s2c/picker-wheel/cutover.new && chmod 0700 /etc/s2c/picker-wheel/cutover.new && mv -f /etc/s2c/picker-wheel/cutover.new /etc/s2c/picker-wheel/cutover
cat > /etc/systemd/system/picker-wheel-api@.service.new <<'UNIT'
# picker-wheel api: rendered by scenario-to-cloud
[Unit]
Description=picker-wheel api on port %i
After=network-online.target postgresql.service
Wants=network-online.target postgresql.service

[Service]
Type=simple
User=s2c-picker-wheel
Group=s2c-picker-wheel
WorkingDirectory=/opt/picker-wheel/slots/api@%i
Environment=HOME=/var/lib/s2c/picker-wheel S2C_DATA_DIR=/var/lib/s2c/picker-wheel
# the run script sources the env file (it holds the secrets) and execs the service's exact argv
ExecStart=/bin/sh /etc/s2c/picker-wheel/api.run %i
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
d="$(mktemp -d)"; cp /etc/systemd/system/picker-wheel-api@.service.new "$d/picker-wheel-api@.service"
systemd-analyze verify --man=no "$d/picker-wheel-api@.service"; rm -rf "$d"
chmod 0644 /etc/systemd/system/picker-wheel-api@.service.new && mv -f /etc/systemd/system/picker-wheel-api@.service.new /etc/systemd/system/picker-wheel-api@.service
cat > /etc/systemd/system/picker-wheel-ui@.service.new <<'UNIT'
# picker-wheel ui: rendered by scenario-to-cloud
[Unit]
Description=picker-wheel ui on port %i
After=network-online.target caddy.service
Wants=network-online.target caddy.service

[Service]
Type=simple
User=s2c-picker-wheel
Group=s2c-picker-wheel
WorkingDirectory=/opt/picker-wheel/slots/ui@%i
Environment=HOME=/var/lib/s2c/picker-wheel S2C_DATA_DIR=/var/lib/s2c/picker-wheel
# the run script sources the env file (it holds the secrets) and execs the service's exact argv
ExecStart=/bin/sh /etc/s2c/picker-wheel/ui.run %i
Restart=on-failure
RestartSec=2
SyslogIdentifier=picker-wheel-ui
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
d="$(mktemp -d)"; cp /etc/systemd/system/picker-wheel-ui@.service.new "$d/picker-wheel-ui@.service"
systemd-analyze verify --man=no "$d/picker-wheel-ui@.service"; rm -rf "$d"
chmod 0644 /etc/systemd/system/picker-wheel-ui@.service.new && mv -f /etc/systemd/system/picker-wheel-ui@.service.new /etc/systemd/system/picker-wheel-ui@.service
systemctl daemon-reload
install -d -m 0755 /etc/caddy/s2c
cat > /etc/caddy/s2c/.picker-wheel.caddy.new <<'SITE'
# picker-wheel (production): rendered by scenario-to-cloud; Caddy gets TLS certificates for a domain address itself
wheel.example.org {
	tls ops@example.org
	handle /api* {
		reverse_proxy 127.0.0.1:8080
	}
	handle {
		reverse_proxy 127.0.0.1:3000
	}
	# access log to Caddy's own output: the journal under systemd, supervisor's rotated log otherwise
	log {
		output stderr
		format json
	}
}

# the stable port of api: the other services and the routes use it; the cutover points it at
# the live instance (the upstream file it writes), and until the first switch it answers 503
http://:8080 {
	bind 127.0.0.1
	route {
		import /etc/caddy/s2c/upstreams/picker-wheel-api/*
		respond "no live instance of api yet" 503
	}
}

# the stable port of ui: the other services and the routes use it; the cutover points it at
# the live instance (the upstream file it writes), and until the first switch it answers 503
http://:3000 {
	bind 127.0.0.1
	route {
		import /etc/caddy/s2c/upstreams/picker-wheel-ui/*
		respond "no live instance of ui yet" 503
	}
}
SITE
# the candidate is validated before it is in place, then the main Caddyfile imports it
if ! out="$(caddy validate --adapter caddyfile --config /etc/caddy/s2c/.picker-wheel.caddy.new 2>&1)"; then echo "$out" >&2; exit 1; fi
chmod 0644 /etc/caddy/s2c/.picker-wheel.caddy.new && mv -f /etc/caddy/s2c/.picker-wheel.caddy.new /etc/caddy/s2c/picker-wheel.caddy
sh -s >/dev/null <<'IMPORT'
set -eu
main=/etc/caddy/Caddyfile
line='import /etc/caddy/s2c/*.caddy'
if [ -f "$main" ] && grep -qxF "$line" "$main"; then echo kept; exit 0; fi
packaged="$(dpkg-query -W -f='${Conffiles}' caddy 2>/dev/null | awk '$1 == "/etc/caddy/Caddyfile" {print $2}')"
if [ ! -f "$main" ] || { [ -n "$packaged" ] && [ "$(md5sum < "$main" | cut -d' ' -f1)" = "$packaged" ]; }; then
  printf '# managed by scenario-to-cloud: one site file per scenario (replaces the packaged example site)\n%s\n' "$line" > "$main.new"
else
  { cat "$main"; printf '\n%s\n' "$line"; } > "$main.new"
fi
if ! out="$(caddy validate --adapter caddyfile --config "$main.new" 2>&1)"; then echo "$out" >&2; rm -f "$main.new"; exit 1; fi
chmod 0644 "$main.new"
mv -f "$main.new" "$main"
echo changed
IMPORT
systemctl enable caddy >/dev/null 2>&1
if systemctl is-active --quiet caddy; then caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null 2>&1; else systemctl start caddy; fi
cd releases
keep="$(basename "$(readlink -f ../current)") $(basename "$(readlink -f ../previous 2>/dev/null || true)")"
ls -1t | tail -n +4 | while read -r old; do
  case " $keep " in *" $old "*) ;; *) rm -rf -- "$old" ;; esac
done
REMOTE

echo "::: health"
if ! remote bash -s <<'REMOTE'
set -uo pipefail
# the services with a port of their own: a new instance next to the old one, health, Caddy, old one stopped
/etc/s2c/picker-wheel/cutover || exit 1
ok=0
for _ in $(seq 1 3); do
  if (exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' /health >&3 && timeout 5 head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200 ') 2>/dev/null; then ok=1; break; fi
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
true
/etc/s2c/picker-wheel/cutover >/dev/null
basename "$(readlink current)"
REMOTE
)"
  echo "release $release of picker-wheel failed its health check; rolled back to $back" >&2
  exit 1
fi
echo "deployed picker-wheel release $release"
