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
    return unit(service, releaseDir(workdir), "", after);
  }

  /**
   * The template unit of a service that is switched without downtime: instance {@code %i} is the
   * port it listens on, its directory the slot {@link #cutover} links to the release it runs.
   */
  String systemdInstance(String service, List<String> after) {
    return unit(service, "/opt/" + scenario + "/slots/" + service + "@%i", " %i", after);
  }

  private String unit(String service, String directory, String runArgument, List<String> after) {
    String deps = after.isEmpty() ? "" : " " + String.join(" ", after);
    return String.join(
        "\n",
        "# " + scenario + " " + service + ": rendered by scenario-to-cloud",
        "[Unit]",
        "Description=" + scenario + " " + service + (runArgument.isEmpty() ? "" : " on port %i"),
        "After=network-online.target" + deps,
        "Wants=network-online.target" + deps,
        "",
        "[Service]",
        "Type=simple",
        "User=" + user(),
        "Group=" + user(),
        "WorkingDirectory=" + directory,
        "Environment=HOME=" + dataDir() + " S2C_DATA_DIR=" + dataDir(),
        "# the run script sources the env file (it holds the secrets) and execs the service's exact argv",
        "ExecStart=/bin/sh " + configDir() + "/" + service + ".run" + runArgument,
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
    return String.join(
        "\n",
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
   * An HTTP health probe with bash's /dev/tcp (a fresh host has no curl): true when a GET of {@code
   * path} on 127.0.0.1:{@code port} answers 200 within {@code timeout} seconds. The three arguments
   * are shell words, already quoted for where they land.
   */
  static String httpProbe(String port, String path, String timeout) {
    return "(exec 3<>/dev/tcp/127.0.0.1/"
        + port
        + " && printf 'GET %s HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' "
        + path
        + " >&3 && timeout "
        + timeout
        + " head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200 ') 2>/dev/null";
  }

  /** A service switched without downtime: how the cutover finds it healthy on its new port. */
  record Switchable(
      String name,
      String workdir,
      String probe,
      String path,
      int retries,
      int delay,
      int timeout) {}

  /**
   * The zero-downtime switch, one script run by the playbook and the shell twin alike. For each
   * service with a port of its own: start the release {@code current} points to next to the running
   * instance, on a free port; check its health there; point the stable port (Caddy, which the other
   * services and the routes use) at it by a validated reload; then stop the old instance. A new
   * instance that never becomes healthy is stopped, and the old one never stopped serving. An
   * instance whose release, env, run script and unit are unchanged is kept. Until a service's first
   * switch its stable port answers 503 (the site's fallback after the import of its upstream).
   */
  String cutover(List<Switchable> services) {
    String ups = "/etc/caddy/s2c/upstreams";
    StringBuilder calls = new StringBuilder();
    for (Switchable sw : services) {
      calls
          .append("switch_to ")
          .append(
              String.join(
                  " ",
                  List.of(
                      s2c.write.ShellWords.quote(sw.name()),
                      s2c.write.ShellWords.quote(sw.workdir()),
                      sw.probe(),
                      s2c.write.ShellWords.quote(sw.path()),
                      String.valueOf(sw.retries()),
                      String.valueOf(sw.delay()),
                      String.valueOf(sw.timeout()))))
          .append('\n');
    }
    return String.join(
        "\n",
        "#!/bin/bash",
        "# "
            + scenario
            + ": zero-downtime switch of the services with a port of their own; rendered by scenario-to-cloud,",
        "# run by the playbook and by the shell twin (see HostUnits.cutover).",
        "set -euo pipefail",
        "root=/opt/" + scenario,
        "conf=" + configDir(),
        "ups=" + ups,
        "site=/etc/caddy/s2c/" + scenario + ".caddy",
        "install -d -m 0755 \"$ups\" \"$root/slots\"",
        "release=\"$(readlink -f \"$root/current\")\"",
        "[ -d \"$release\" ] || { echo \"no current release under $root\" >&2; exit 1; }",
        "probe_http() { " + httpProbe("\"$1\"", "\"$2\"", "\"$3\"") + "; }",
        "probe_tcp() { (exec 3<>\"/dev/tcp/127.0.0.1/$1\") 2>/dev/null; }",
        "free_port() {",
        "  local p",
        "  for _ in $(seq 1 100); do",
        "    p=$(shuf -i 20000-29999 -n 1)",
        "    if ! probe_tcp \"$p\" && [ ! -e \"$root/slots/$1@$p\" ]; then echo \"$p\"; return 0; fi",
        "  done",
        "  return 1",
        "}",
        "reload_caddy() {",
        "  # the stable ports are Caddy's: once the site is in place (the first deploy writes it after this), reload it",
        "  if [ -f \"$site\" ] && systemctl is-active --quiet caddy; then caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null 2>&1; fi",
        "}",
        "switch_to() {",
        "  local name=\"$1\" workdir=\"$2\" kind=\"$3\" path=\"$4\" retries=\"$5\" delay=\"$6\" timeout=\"$7\"",
        "  local unit=\"" + scenario + "-$name\" stamp live=\"\" kept=\"\" port ok=0 old p",
        "  stamp=\"$(basename \"$release\") $(cat \"$conf/$name.env\" \"$conf/$name.run\" \"/etc/systemd/system/$unit@.service\" | sha256sum | cut -c1-16)\"",
        "  if [ -f \"$conf/$name.live\" ]; then read -r live kept < \"$conf/$name.live\" || true; fi",
        "  if [ -n \"$live\" ] && [ \"$kept\" = \"$stamp\" ] && systemctl is-active --quiet \"$unit@$live.service\"; then",
        "    echo \"kept $name on port $live\"",
        "    return 0",
        "  fi",
        "  port=\"$(free_port \"$name\")\" || { echo \"$name: no free port in 20000-29999\" >&2; return 1; }",
        "  ln -sfn \"$release/$workdir\" \"$root/slots/$name@$port\"",
        "  systemctl start \"$unit@$port.service\" || true  # a start that fails is found by the check below",
        "  for _ in $(seq 1 \"$retries\"); do",
        "    if systemctl is-active --quiet \"$unit@$port.service\" && \"probe_$kind\" \"$port\" \"$path\" \"$timeout\"; then ok=1; break; fi",
        "    sleep \"$delay\"",
        "  done",
        "  if [ \"$ok\" -ne 1 ]; then",
        "    journalctl -u \"$unit@$port.service\" -n 20 --no-pager -o cat >&2 || true",
        "    systemctl stop \"$unit@$port.service\" || true",
        "    rm -f \"$root/slots/$name@$port\"",
        "    echo \"$name of release $(basename \"$release\") never became healthy on port $port; the running instance keeps serving\" >&2",
        "    return 1",
        "  fi",
        "  install -d -m 0755 \"$ups/$unit\"",
        "  printf 'reverse_proxy 127.0.0.1:%s\\n' \"$port\" > \"$ups/$unit/live.new\"",
        "  mv -f \"$ups/$unit/live.new\" \"$ups/$unit/live\"",
        "  # a unit of the layout before switching (one fixed instance) holds the stable port: it goes once",
        "  if [ -f \"/etc/systemd/system/$unit.service\" ]; then",
        "    systemctl disable --now --quiet \"$unit.service\" || true",
        "    rm -f \"/etc/systemd/system/$unit.service\"",
        "    systemctl daemon-reload",
        "  fi",
        "  reload_caddy",
        "  systemctl enable --quiet \"$unit@$port.service\"",
        "  for old in $(systemctl list-units --all --plain --no-legend \"$unit@*.service\" | awk '{print $1}'); do",
        "    [ \"$old\" = \"$unit@$port.service\" ] && continue",
        "    systemctl disable --quiet \"$old\" 2>/dev/null || true",
        "    systemctl stop \"$old\" || true",
        "    p=\"${old#\"$unit@\"}\"",
        "    rm -f \"$root/slots/$name@${p%.service}\"",
        "  done",
        "  printf '%s %s\\n' \"$port\" \"$stamp\" > \"$conf/$name.live\"",
        "  echo \"switched $name to port $port\"",
        "}",
        calls.toString());
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
   * detached holder keeps it (at most an hour) and writes who holds it and since when into the
   * file. Waits up to S2C_LOCK_WAIT seconds (0: fail fast); prints the holder line on success.
   */
  String lockAcquire() {
    String lock = "/etc/s2c/" + scenario + ".lock";
    return String.join(
        "\n",
        "set -eu",
        "lock=" + lock,
        "wait=\"${S2C_LOCK_WAIT:-600}\"",
        "install -d -m 0755 /etc/s2c",
        ": >> \"$lock\"",
        "token=\"${S2C_LOCK_HOLDER:-deploy} started $(date -u +%Y-%m-%dT%H:%M:%SZ) id $(od -An -N6 -tx1 /dev/urandom | tr -d ' \\n')\"",
        "if ! flock -n \"$lock\" true; then",
        "  if [ \"$wait\" = 0 ]; then echo \"another deploy of "
            + scenario
            + " holds the lock: $(cat \"$lock\")\" >&2; exit 75; fi",
        "  echo \"waiting up to $wait s for another deploy of "
            + scenario
            + ": $(cat \"$lock\")\" >&2",
        "fi",
        "setsid sh -c 'exec 9>>\"$1\"; flock -w \"$2\" 9 || exit 75; printf \"%s pid %s\\n\" \"$3\" \"$$\" > \"$1\"; exec sleep 3600' \\",
        "  s2c-lock \"$lock\" \"$wait\" \"$token\" </dev/null >/dev/null 2>&1 &",
        "end=$(( $(date +%s) + wait + 3 ))",
        "while [ \"$(date +%s)\" -le \"$end\" ]; do",
        "  if grep -qF \"$token\" \"$lock\"; then grep -F \"$token\" \"$lock\"; exit 0; fi",
        "  sleep 0.2",
        "done",
        "echo \"gave up after $wait s waiting for the deploy lock of "
            + scenario
            + ": $(cat \"$lock\")\" >&2",
        "exit 75",
        "");
  }

  /** Releases the lock taken by the holder line in S2C_LOCK_TOKEN (never someone else's). */
  String lockRelease() {
    String lock = "/etc/s2c/" + scenario + ".lock";
    return String.join(
        "\n",
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
   * administrator's own file only gets the import line. The candidate is validated before it is in
   * place.
   */
  static String caddyImport() {
    return String.join(
        "\n",
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
