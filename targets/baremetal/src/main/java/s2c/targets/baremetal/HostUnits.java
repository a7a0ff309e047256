package s2c.targets.baremetal;

import java.util.List;

/**
 * The text of every file that starts a service on the host — the systemd unit and the supervisor
 * program — rendered once here, so the playbook and the shell twin install byte-identical files.
 */
final class HostUnits {
  private final String scenario;

  HostUnits(String scenario) {
    this.scenario = scenario;
  }

  /** Where a service runs: its directory inside the live release. */
  String releaseDir(String workdir) {
    return "/opt/" + scenario + "/current" + (workdir.equals(".") ? "" : "/" + workdir);
  }

  String configDir() {
    return "/etc/s2c/" + scenario;
  }

  String dataDir() {
    return "/var/lib/s2c/" + scenario;
  }

  String logDir() {
    return "/var/log/s2c/" + scenario;
  }

  String user() {
    return "s2c-" + scenario;
  }

  /**
   * A hardened unit: the service may write only its data directory and a private /tmp; the rest of
   * the file system is read-only to it. Output goes to the journal (rotated by journald), and the
   * unit starts after the backing resources and services it talks to.
   */
  String systemd(String service, String workdir, List<String> after) {
    String deps = after.isEmpty() ? "" : " " + String.join(" ", after);
    return String.join("\n",
        "# " + scenario + " " + service + ": rendered by scenario-to-cloud",
        "[Unit]",
        "Description=" + scenario + " " + service,
        "After=network-online.target" + deps,
        "Wants=network-online.target" + deps,
        "",
        "[Service]",
        "Type=simple",
        "User=" + user(),
        "Group=" + user(),
        "WorkingDirectory=" + releaseDir(workdir),
        "Environment=HOME=" + dataDir() + " S2C_DATA_DIR=" + dataDir(),
        "# the run script sources the env file (it holds the secrets) and execs the service's exact argv",
        "ExecStart=/bin/sh " + configDir() + "/" + service + ".run",
        "Restart=on-failure",
        "RestartSec=2",
        "SyslogIdentifier=" + scenario + "-" + service,
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectControlGroups=yes",
        "RestrictSUIDSGID=yes",
        "LockPersonality=yes",
        "ReadWritePaths=" + dataDir(),
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "");
  }

  String supervisor(String service, String workdir, int order) {
    return String.join("\n",
        "; " + scenario + " " + service + ": rendered by scenario-to-cloud",
        "[program:" + scenario + "-" + service + "]",
        "; the run script sources the env file (it holds the secrets) and execs the service's exact argv",
        "command=/bin/sh " + configDir() + "/" + service + ".run",
        "directory=" + releaseDir(workdir),
        "user=" + user(),
        "priority=" + (100 + order),
        "autostart=true",
        "autorestart=true",
        "startsecs=1",
        "stopasgroup=true",
        "killasgroup=true",
        "redirect_stderr=true",
        "stdout_logfile=" + logDir() + "/" + service + ".log",
        "stdout_logfile_maxbytes=10MB",
        "stdout_logfile_backups=5",
        "environment=HOME=\"" + dataDir() + "\",S2C_DATA_DIR=\"" + dataDir() + "\"",
        "");
  }

  /**
   * Prints the release fingerprint of the current directory: a digest of every file's path,
   * executable bit and content. With GNU or BSD tools, so the controller may be Linux or macOS.
   */
  static String digestCommand() {
    return "find . -type f | LC_ALL=C sort | while IFS= read -r f; do"
        + " if [ -x \"$f\" ]; then m=x; else m=-; fi;"
        + " printf '%s %s %s\\n' \"$(sha256sum < \"$f\" 2>/dev/null || shasum -a 256 < \"$f\")\" \"$m\" \"$f\";"
        + " done | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-12";
  }

  /**
   * Takes the host's deploy lock of the scenario ({@code flock} on /etc/s2c/<scenario>.lock): a
   * detached holder keeps it (at most an hour) and writes who holds it and since when into the file.
   * Waits up to S2C_LOCK_WAIT seconds (0: fail fast); prints the holder line on success.
   */
  String lockAcquire() {
    String lock = "/etc/s2c/" + scenario + ".lock";
    return String.join("\n",
        "set -eu",
        "lock=" + lock,
        "wait=\"${S2C_LOCK_WAIT:-600}\"",
        "install -d -m 0755 /etc/s2c",
        ": >> \"$lock\"",
        "token=\"${S2C_LOCK_HOLDER:-deploy} started $(date -u +%Y-%m-%dT%H:%M:%SZ) id $(od -An -N6 -tx1 /dev/urandom | tr -d ' \\n')\"",
        "if ! flock -n \"$lock\" true; then",
        "  if [ \"$wait\" = 0 ]; then echo \"another deploy of " + scenario + " holds the lock: $(cat \"$lock\")\" >&2; exit 75; fi",
        "  echo \"waiting up to $wait s for another deploy of " + scenario + ": $(cat \"$lock\")\" >&2",
        "fi",
        "setsid sh -c 'exec 9>>\"$1\"; flock -w \"$2\" 9 || exit 75; printf \"%s pid %s\\n\" \"$3\" \"$$\" > \"$1\"; exec sleep 3600' \\",
        "  s2c-lock \"$lock\" \"$wait\" \"$token\" </dev/null >/dev/null 2>&1 &",
        "end=$(( $(date +%s) + wait + 3 ))",
        "while [ \"$(date +%s)\" -le \"$end\" ]; do",
        "  if grep -qF \"$token\" \"$lock\"; then grep -F \"$token\" \"$lock\"; exit 0; fi",
        "  sleep 0.2",
        "done",
        "echo \"gave up after $wait s waiting for the deploy lock of " + scenario + ": $(cat \"$lock\")\" >&2",
        "exit 75",
        "");
  }

  /** Releases the lock taken by the holder line in S2C_LOCK_TOKEN (never someone else's). */
  String lockRelease() {
    String lock = "/etc/s2c/" + scenario + ".lock";
    return String.join("\n",
        "set -eu",
        "lock=" + lock,
        "[ -n \"${S2C_LOCK_TOKEN:-}\" ] && [ -f \"$lock\" ] || exit 0",
        "line=\"$(grep -F \"$S2C_LOCK_TOKEN\" \"$lock\" || true)\"",
        "[ -n \"$line\" ] || exit 0",
        "pid=\"${line##* pid }\"",
        "printf 'free since %s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > \"$lock\"",
        "kill \"$pid\" 2>/dev/null || true",
        "echo released",
        "");
  }

  /**
   * Makes the main Caddyfile import the scenario sites. The packaged example file (its checksum is
   * dpkg's) is replaced — its catch-all :80 site would clash with an address-less scenario — and an
   * administrator's own file only gets the import line. The candidate is validated before it is in place.
   */
  static String caddyImport() {
    return String.join("\n",
        "set -eu",
        "main=/etc/caddy/Caddyfile",
        "line='import /etc/caddy/s2c/*.caddy'",
        "if [ -f \"$main\" ] && grep -qxF \"$line\" \"$main\"; then echo kept; exit 0; fi",
        "packaged=\"$(dpkg-query -W -f='${Conffiles}' caddy 2>/dev/null | awk '$1 == \"/etc/caddy/Caddyfile\" {print $2}')\"",
        "if [ ! -f \"$main\" ] || { [ -n \"$packaged\" ] && [ \"$(md5sum < \"$main\" | cut -d' ' -f1)\" = \"$packaged\" ]; }; then",
        "  printf '# managed by scenario-to-cloud: one site file per scenario (replaces the packaged example site)\\n%s\\n' \"$line\" > \"$main.new\"",
        "else",
        "  { cat \"$main\"; printf '\\n%s\\n' \"$line\"; } > \"$main.new\"",
        "fi",
        "if ! out=\"$(caddy validate --adapter caddyfile --config \"$main.new\" 2>&1)\"; then echo \"$out\" >&2; rm -f \"$main.new\"; exit 1; fi",
        "chmod 0644 \"$main.new\"",
        "mv -f \"$main.new\" \"$main\"",
        "echo changed",
        "");
  }
}
