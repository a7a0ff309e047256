package s2c.targets.baremetal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;

class HostToolsCheckTest {
  private static List<Diagnostic> check(String script) {
    List<Diagnostic> out = new ArrayList<>();
    HostToolsCheck.check(script, "shell/deploy.sh", out);
    return out;
  }

  @Test
  void aToolAFreshHostLacksIsAnError() {
    // the shell twin's old health probe: a fresh Debian host has no curl
    List<Diagnostic> found =
        check(
            "remote bash -s <<'REMOTE'\nfor _ in $(seq 1 3); do\n  if curl -fsS http://127.0.0.1:1/health; then ok=1; fi\ndone\nREMOTE\n");
    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message()).contains("'curl'");
              assertThat(d.at().line()).isEqualTo(3);
            });
  }

  @Test
  void toolsOfInstalledPackagesBuiltinsAndFileContentsPass() {
    String script =
        String.join(
            "\n",
            "remote bash -s <<'REMOTE'",
            "set -euo pipefail",
            "apt-get install -y -qq postgresql caddy >/dev/null",
            "owner=\"$(runuser -u postgres -- psql -tAc 'SELECT 1')\"",
            "cat > /etc/x.caddy <<'SITE'",
            "curl-looking content { }",
            "SITE",
            "caddy validate --config /etc/x.caddy",
            "[ -n \"$owner\" ] || { echo none >&2; exit 1; }",
            "REMOTE",
            "curl runs locally, outside the host part",
            "");
    assertThat(check(script)).isEmpty();
  }

  @Test
  void aProgramTheScriptInstallsItselfRunsButAnotherOfItsDirectoriesDoesNot() {
    String script =
        String.join(
            "\n",
            "remote bash -s <<'REMOTE'",
            "cat > /etc/s2c/x/cutover.new <<'CUTOVER'",
            "#!/bin/bash",
            "CUTOVER",
            "chmod 0700 /etc/s2c/x/cutover.new && mv -f /etc/s2c/x/cutover.new /etc/s2c/x/cutover",
            "/etc/s2c/x/cutover",
            "/etc/s2c/x/other",
            "REMOTE",
            "");
    assertThat(check(script))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("'other'"));
  }

  @Test
  void aPackagesToolsCountOnlyOnceTheScriptInstallsIt() {
    assertThat(check("remote bash -s <<'REMOTE'\nredis-cli ping\nREMOTE\n")).hasSize(1);
    assertThat(
            check(
                "remote bash -s <<'REMOTE'\napt-get install -y redis-server\nredis-cli ping\nREMOTE\n"))
        .isEmpty();
  }
}
