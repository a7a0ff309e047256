package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource in mode external (a hosted API such as openrouter, a managed database) is an endpoint
 * from the secret store: no workload, no image needed, and no pod waits for a Service that the
 * release does not have (issue 8, item 6).
 */
class ExternalResourcesTest {
  @TempDir Path tmp;

  @Test
  void aHostedApiIsAnEndpointWithNoWorkload() throws Exception {
    Path bundle =
        Files.writeString(
            tmp.resolve("bundle.json"),
            """
        { "schema_version": "v0.1", "target": "cloud", "app": { "name": "chat-demo", "version": "1.0.0" },
          "services": [ { "id": "api", "type": "api-binary", "image": "ghcr.io/x/api:1", "dependencies": ["openrouter"],
            "ports": { "requested": [ { "name": "http", "range": { "min": 8080, "max": 8080 } } ] },
            "health": { "type": "http", "path": "/health", "port_name": "http" } } ],
          "resources": [ { "name": "openrouter", "type": "openrouter" } ] }
        """);
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "kubernetes",
            "--set",
            "resources.openrouter.mode=external",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String manifest =
        new Helm(tmp.resolve("out/chat-demo/cloud/kubernetes/chart/chat-demo"))
            .template()
            .withName("r")
            .withKubeVersion("1.30.9")
            .call();
    assertThat(manifest)
        .doesNotContain("kind: StatefulSet", "r-chat-demo-openrouter 8080", "initContainers")
        .contains("name: \"r-chat-demo-openrouter-endpoint\"", "- name: \"OPENROUTER_URL\"");
  }

  @Test
  void noPodWaitsForAnExternalDatabase() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            s2c.testing.TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--provider",
            "kubernetes",
            "--set",
            "resources.postgres.mode=external",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String manifest =
        new Helm(tmp.resolve("out/ledger/cloud/kubernetes/chart/ledger"))
            .template()
            .withName("ledger")
            .withKubeVersion("1.30.9")
            .call();
    assertThat(manifest)
        .doesNotContain("nc -z -w 2 ledger-postgres")
        .contains("nc -z -w 2 ledger-redis");
  }
}
