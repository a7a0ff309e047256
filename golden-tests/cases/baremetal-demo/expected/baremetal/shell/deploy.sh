#!/usr/bin/env bash
# Deploys s2c-e2e-demo (dev) to one Debian/Ubuntu host over ssh: the plain-shell twin of
# ansible/site.yml (same packages, user, directories, release layout, files, units and checks).
# Rendered by scenario-to-cloud 0.1.0.
#
#   S2C_SSH_HOST=host S2C_ARTIFACTS_DIR=dir [S2C_VERSION=version] shell/deploy.sh [--no-wait]
#
# Optional: S2C_SSH_PORT (22), S2C_SSH_USER (root), S2C_SSH_KEY, S2C_SSH_KNOWN_HOSTS,
# S2C_LOCK_WAIT (seconds to wait for another deploy of s2c-e2e-demo on the host, 600).
# Secrets are read from this environment (DEMO_TOKEN) and sent over ssh's stdin, never as
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
if [ -z "${DEMO_TOKEN:-}" ]; then echo "missing secret demo_token: set DEMO_TOKEN" >&2; missing=1; fi
[ "$missing" -eq 0 ] || exit 1

# the release id is the version plus a digest of the artifacts, as in the playbook
digest="$(cd "$S2C_ARTIFACTS_DIR" && find . -type f | LC_ALL=C sort | while IFS= read -r f; do if [ -x "$f" ]; then m=x; else m=-; fi; printf '%s %s %s\n' "$(sha256sum < "$f" 2>/dev/null || shasum -a 256 < "$f")" "$m" "$f"; done | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-12)"
release="$version-$digest"

echo "::: lock"
lock_line="$(remote "S2C_LOCK_WAIT=$lock_wait S2C_LOCK_HOLDER='shell from $(hostname | tr -cd 'A-Za-z0-9.-')' sh -s" <<'REMOTE'
set -eu
lock=/etc/s2c/s2c-e2e-demo.lock
wait="${S2C_LOCK_WAIT:-600}"
install -d -m 0755 /etc/s2c
: >> "$lock"
token="${S2C_LOCK_HOLDER:-deploy} started $(date -u +%Y-%m-%dT%H:%M:%SZ) id $(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
if ! flock -n "$lock" true; then
  if [ "$wait" = 0 ]; then echo "another deploy of s2c-e2e-demo holds the lock: $(cat "$lock")" >&2; exit 75; fi
  echo "waiting up to $wait s for another deploy of s2c-e2e-demo: $(cat "$lock")" >&2
fi
setsid sh -c 'exec 9>>"$1"; flock -w "$2" 9 || exit 75; printf "%s pid %s\n" "$3" "$$" > "$1"; exec sleep 3600' \
  s2c-lock "$lock" "$wait" "$token" </dev/null >/dev/null 2>&1 &
end=$(( $(date +%s) + wait + 3 ))
while [ "$(date +%s)" -le "$end" ]; do
  if grep -qF "$token" "$lock"; then grep -F "$token" "$lock"; exit 0; fi
  sleep 0.2
done
echo "gave up after $wait s waiting for the deploy lock of s2c-e2e-demo: $(cat "$lock")" >&2
exit 75
REMOTE
)"
release_lock() {
  remote "S2C_LOCK_TOKEN=$(printf '%q' "$lock_line") sh -s" <<'REMOTE' >/dev/null || true
set -eu
lock=/etc/s2c/s2c-e2e-demo.lock
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
apt-get install -y -qq python3 supervisor caddy >/dev/null
id -u s2c-s2c-e2e-demo >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin --home-dir /opt/s2c-e2e-demo --no-create-home s2c-s2c-e2e-demo
install -d -m 0755 -o root -g root /etc/s2c /var/lib/s2c /var/log/s2c
install -d -m 0755 -o root -g s2c-s2c-e2e-demo /opt/s2c-e2e-demo /opt/s2c-e2e-demo/releases
install -d -m 0750 -o s2c-s2c-e2e-demo -g s2c-s2c-e2e-demo /var/lib/s2c/s2c-e2e-demo /var/log/s2c/s2c-e2e-demo
install -d -m 0750 -o root -g s2c-s2c-e2e-demo /etc/s2c/s2c-e2e-demo
install -d -m 0700 -o root -g s2c-s2c-e2e-demo /etc/s2c/s2c-e2e-demo/generated
if [ ! -s /etc/s2c/s2c-e2e-demo/generated/signing_key ]; then
  (umask 077; LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 > /etc/s2c/s2c-e2e-demo/generated/signing_key.new || true)
  [ "$(wc -c < /etc/s2c/s2c-e2e-demo/generated/signing_key.new)" -eq 32 ] || { echo "short secret signing_key" >&2; exit 1; }
  mv -f /etc/s2c/s2c-e2e-demo/generated/signing_key.new /etc/s2c/s2c-e2e-demo/generated/signing_key
fi
REMOTE

echo "::: release $release"
if remote "test -d /opt/s2c-e2e-demo/releases/$release"; then
  echo "release $release is on the host already"
else
  tar -C "$S2C_ARTIFACTS_DIR" -cf - . | remote "set -e; p=/opt/s2c-e2e-demo/releases/.$release.partial; rm -rf \"\$p\"; install -d \"\$p\"; tar -C \"\$p\" --no-same-owner -xf -; chown -R root:s2c-s2c-e2e-demo \"\$p\"; chmod -R u=rwX,g=rX,o= \"\$p\"; mv -T \"\$p\" /opt/s2c-e2e-demo/releases/$release"
fi

echo "::: secrets"
{
  env_line API_PORT 15000
  env_line LOG_LEVEL info
  env_line DEMO_TOKEN "${DEMO_TOKEN}"
} | remote "set -e; umask 077; f=/etc/s2c/s2c-e2e-demo/api.env; cat > \"\$f.new\"; printf 'SIGNING_KEY=\"%s%s%s\"\\n' '' \"\$(cat /etc/s2c/s2c-e2e-demo/generated/signing_key)\" '' >> \"\$f.new\"; chown s2c-s2c-e2e-demo:s2c-s2c-e2e-demo \"\$f.new\"; mv -f \"\$f.new\" \"\$f\""


echo "::: switch and restart"
remote bash -s "$release" <<'REMOTE'
set -euo pipefail
release="$1"
cd /opt/s2c-e2e-demo
live="$(basename "$(readlink current 2>/dev/null || true)")"
if [ -n "$live" ] && [ "$live" != "$release" ]; then ln -sfn "releases/$live" previous.new && mv -Tf previous.new previous; fi
ln -sfn "releases/$release" current.new && mv -Tf current.new current
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
; s2c-e2e-demo api: rendered by scenario-to-cloud
[program:s2c-e2e-demo-api]
; the run script sources the env file (it holds the secrets) and execs the service's exact argv
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
stdout_logfile_maxbytes=10MB
stdout_logfile_backups=5
environment=HOME="/var/lib/s2c/s2c-e2e-demo",S2C_DATA_DIR="/var/lib/s2c/s2c-e2e-demo"
CONF
chmod 0644 /etc/supervisor/conf.d/s2c-e2e-demo-api.conf
supervisorctl pid >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
supervisorctl update >/dev/null
supervisorctl restart s2c-e2e-demo-api >/dev/null
install -d -m 0755 /etc/caddy/s2c
cat > /etc/caddy/s2c/.s2c-e2e-demo.caddy.new <<'SITE'
# s2c-e2e-demo (dev): rendered by scenario-to-cloud; Caddy gets TLS certificates for a domain address itself
http://127.0.0.1:18080 {
	handle {
		reverse_proxy 127.0.0.1:15000
	}
	# access log to Caddy's own output: the journal under systemd, supervisor's rotated log otherwise
	log {
		output stderr
		format json
	}
}
SITE
# the candidate is validated before it is in place, then the main Caddyfile imports it
if ! out="$(caddy validate --adapter caddyfile --config /etc/caddy/s2c/.s2c-e2e-demo.caddy.new 2>&1)"; then echo "$out" >&2; exit 1; fi
chmod 0644 /etc/caddy/s2c/.s2c-e2e-demo.caddy.new && mv -f /etc/caddy/s2c/.s2c-e2e-demo.caddy.new /etc/caddy/s2c/s2c-e2e-demo.caddy
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
if ! supervisorctl status s2c-caddy 2>/dev/null | grep -q RUNNING; then
  printf '[program:s2c-caddy]\ncommand=/usr/bin/caddy run --config /etc/caddy/Caddyfile --adapter caddyfile\nautostart=true\nautorestart=true\nredirect_stderr=true\nstdout_logfile=/var/log/supervisor/s2c-caddy.log\nstdout_logfile_maxbytes=10MB\nstdout_logfile_backups=5\nenvironment=HOME="/var/lib/caddy",XDG_DATA_HOME="/var/lib/caddy",XDG_CONFIG_HOME="/etc/caddy"\n' > /etc/supervisor/conf.d/s2c-caddy.conf
  supervisorctl update >/dev/null
else
  caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null 2>&1
fi
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
for _ in $(seq 1 10); do
  if (exec 3<>/dev/tcp/127.0.0.1/15000 && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' /health >&3 && timeout 2 head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200 ') 2>/dev/null; then ok=1; break; fi
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
