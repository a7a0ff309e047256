package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.Canary;
import s2c.testing.TestPaths;

/** What a platform engineer relies on in the rendered chart. */
class KubernetesChartTest {
  @TempDir Path tmp;

  private Path compile(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "compile",
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--provider",
                "kubernetes",
                "--out",
                tmp.resolve("out").toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertThat(run.exit()).as(run.err()).isZero();
    return tmp.resolve("out/ledger/cloud/kubernetes");
  }

  private static String template(Path chart, Path values, Map<String, Object> sets) {
    var t =
        new Helm(chart)
            .template()
            .withName("ledger")
            .withNamespace("ledger")
            .withKubeVersion("1.30.9");
    if (values != null) {
      t = t.withValuesFile(values);
    }
    for (var e : sets.entrySet()) {
      t = t.set(e.getKey(), e.getValue());
    }
    return t.call();
  }

  @Test
  void valuesSchemaRejectsAWrongTypeAndAnUnknownKey() {
    Path chart = compile().resolve("chart/ledger");
    assertThatThrownBy(() -> template(chart, null, Map.of("services.api.replicas", "many")))
        .hasMessageContaining("/services/api/replicas")
        .hasMessageContaining("want integer");
    assertThatThrownBy(() -> template(chart, null, Map.of("services.api.replicaz", 2)))
        .hasMessageContaining("replicaz");
    assertThatThrownBy(() -> template(chart, null, Map.of("services.apy.replicas", 2)))
        .hasMessageContaining("apy");
  }

  @Test
  void environmentValuesAndOverridesApply() throws Exception {
    Path dir = compile();
    String prod = template(dir.resolve("chart/ledger"), dir.resolve("values/prod.yaml"), Map.of());
    assertThat(prod)
        .contains("replicas: 3", "host: \"ledger.example.com\"", "cert-manager.io/cluster-issuer");
    Path staging = tmp.resolve("staging.yaml");
    Files.writeString(
        staging,
        "environment: staging\ningress:\n  host: staging.ledger.example.com\nservices:\n  api:\n    replicas: 1\n"
            + "    autoscaling:\n      enabled: true\n      minReplicas: 2\n      maxReplicas: 6\n      targetCPUUtilizationPercentage: 70\n");
    String stagingOut = template(dir.resolve("chart/ledger"), staging, Map.of());
    assertThat(stagingOut)
        .contains(
            "kind: HorizontalPodAutoscaler",
            "maxReplicas: 6",
            "host: \"staging.ledger.example.com\"");
    assertThat(stagingOut).contains("kind: PodDisruptionBudget");
  }

  @Test
  void handBrokenChartFailsValidationWithAPreciseMessage() throws Exception {
    Path dir = compile();
    Path deployment = dir.resolve("chart/ledger/templates/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment)
            .replace("revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  replicaCount: 2"));
    Path job = dir.resolve("chart/ledger/templates/migration-job.yaml");
    Files.writeString(
        job, Files.readString(job).replace("backoffLimit: 2", "backoffLimit: \"two\""));
    CliRun run = CliRun.of("validate", dir.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "error[S2C083]: helm template with (default values, hooks as plain objects): Deployment/release-ledger-api /spec: unknown field 'replicaCount' (from bundle.yaml#/services/0)")
        .contains(
            "Job/release-ledger-api-migrate-20240601 /spec/backoffLimit: string found, integer expected (from bundle.yaml#/services/0)");
  }

  /**
   * The environment file compile writes repeats the defaults, so validation renders it once; one
   * edited by hand (what Argo CD and Flux apply) is rendered and checked on its own.
   */
  @Test
  void anEditedEnvironmentFileIsRenderedAndChecked() throws Exception {
    Path dir = compile();
    assertThat(CliRun.of("validate", dir.toString()).exit()).isZero();
    Path prod = dir.resolve("values/prod.yaml");
    Files.writeString(
        prod, Files.readString(prod).replace("replicas: 3", "replicas: 3\n    replicaCount: 2"));
    CliRun run = CliRun.of("validate", dir.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("helm template with values/prod.yaml failed")
        .contains("replicaCount");
  }

  @Test
  void secretsAreReferencesOnly() throws Exception {
    Path plan = tmp.resolve("plan.json");
    Files.writeString(
        plan,
        """
        {"scenario": "ledger", "tier": "tier-4-saas", "secrets": [
          {"resource_name": "mailgun", "secret_key": "MAILGUN_KEY", "required": true, "classification": "service",
           "handling_strategy": "delegate", "owner_contact": "%s", "generator_template": {"value": "%s"}, "bundle_hints": {"default": "%s"}}]}
        """
            .formatted(Canary.numbered(40), Canary.numbered(41), Canary.numbered(42)));
    Path dir = compile("--secrets-plan", plan.toString());
    String rendered =
        template(dir.resolve("chart/ledger"), dir.resolve("values/prod.yaml"), Map.of());
    assertThat(rendered)
        .contains(
            "kind: ExternalSecret", "key: \"ledger/prod/mailgun_mailgun_key\"", "kind: Password")
        .doesNotContain("CANARY-s2c-")
        .doesNotContainPattern("(?m)^kind: Secret$");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain("CANARY-s2c-");
      }
    }
  }

  @Test
  void everyPodIsLockedDown() throws Exception {
    Path dir = compile();
    String rendered =
        template(
            dir.resolve("chart/ledger"),
            dir.resolve("values/prod.yaml"),
            Map.of("migrations.helmHook", false));
    long pods =
        rendered.lines().filter(l -> l.matches("^kind: (Deployment|StatefulSet|Job)$")).count();
    assertThat(pods).isEqualTo(6);
    assertThat(rendered.split("runAsNonRoot: true", -1).length - 1).isEqualTo((int) pods);
    assertThat(rendered.split("type: RuntimeDefault", -1).length - 1).isEqualTo((int) pods);
    assertThat(rendered)
        .doesNotContain("allowPrivilegeEscalation: true")
        .doesNotContain("readOnlyRootFilesystem: false");
    assertThat(rendered)
        .contains(
            "kind: NetworkPolicy", "ledger-default-deny", "automountServiceAccountToken: false");
  }
}
