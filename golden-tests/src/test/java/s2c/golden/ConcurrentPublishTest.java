package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 publishes of different scenarios to one repository at the same time, each in its own JVM (as
 * 20 CI jobs would be): every commit lands, none is lost, and the repository is sound.
 */
// heavy end to end: in the e2e profile with the fresh-host tests (.ci/run runs both suites)
@org.junit.jupiter.api.Tag("slow")
class ConcurrentPublishTest {
  static final int PUBLISHERS = 20;

  @TempDir Path tmp;

  static String bundle(String name) {
    return """
        {"schema_version": "v0.1", "target": "cloud", "app": {"name": "%s", "version": "1.0.0"},
         "services": [{"id": "api", "type": "api-binary", "image": "ghcr.io/example/%s:1.0.0", "expose": {"path": "/"},
           "ports": {"requested": [{"name": "http", "range": {"min": 8080, "max": 8080}, "env_var": "PORT"}]},
           "health": {"type": "http", "path": "/health", "port_name": "http"}}]}
        """
        .formatted(name, name);
  }

  @Test
  void twentyConcurrentPublishersAllLand() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PUBLISHERS; i++) {
      String name = String.format("scenario-%02d", i);
      Path bundle = tmp.resolve(name + ".json");
      Files.writeString(bundle, bundle(name), StandardCharsets.UTF_8);
      processes.add(
          Subprocess.start(
              Map.of(),
              "publish",
              "--bundle",
              bundle.toString(),
              "--provider",
              "digitalocean",
              "--repo",
              url,
              "--out",
              tmp.resolve("dist-" + i).toString(),
              "--max-attempts",
              "60",
              "--output",
              "json"));
    }
    int retried = 0;
    for (Process p : processes) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("\"unchanged\": false");
      if (!output.contains("\"attempts\": 1,")) {
        retried++;
      }
    }
    String log =
        GitFixtures.git(remote, "log", "--format=%(trailers:key=S2C-Scenario,valueonly)", "main");
    List<String> scenarios = log.lines().filter(l -> !l.isBlank()).sorted().toList();
    assertThat(scenarios).hasSize(PUBLISHERS).doesNotHaveDuplicates();
    assertThat(GitFixtures.git(remote, "rev-list", "--count", "main").strip())
        .isEqualTo(String.valueOf(PUBLISHERS));
    for (int i = 0; i < PUBLISHERS; i++) {
      assertThat(
              GitFixtures.git(
                  remote,
                  "ls-tree",
                  "--name-only",
                  "main",
                  String.format("scenario-%02d/dev/digitalocean/", i)))
          .contains("terraform");
    }
    GitFixtures.assertFsckClean(remote);
    // the race was real: at least one publisher had to rebuild on a newer tip
    assertThat(retried).isPositive();
  }
}
