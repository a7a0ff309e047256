package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The knobs platform teams set on every chart (scheduling, pod metadata, extra env, an existing
 * Secret) and separate liveness/readiness/startup probes, per service and chart-wide, accepted by
 * the chart's schema and rendered where Kubernetes reads them (issue 8, item 5).
 */
class ChartKnobsTest {
  @TempDir Path tmp;

  @Test
  void schedulingMetadataEnvAndProbesAreKnobs() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--provider",
            "kubernetes",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Path chart = tmp.resolve("out/ledger/cloud/kubernetes/chart/ledger");
    Path values =
        Files.writeString(
            tmp.resolve("team.yaml"),
            """
        nodeSelector: {pool: general}
        podAnnotations: {team: payments}
        extraEnv: [{name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://otel:4317"}]
        existingSecret: ledger-extra
        services:
          api:
            tolerations: [{key: dedicated, operator: Equal, value: api, effect: NoSchedule}]
            podLabels: {tier: backend}
            readinessProbe: {type: http, path: /ready, port: http, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2}
        backingResources:
          postgres:
            nodeSelector: {pool: storage}
        """);
    List<JsonNode> objects = new ArrayList<>();
    String manifest =
        new Helm(chart)
            .template()
            .withName("ledger")
            .withKubeVersion("1.30.9")
            .withValuesFile(values)
            .call();
    try (MappingIterator<JsonNode> docs =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(manifest)) {
      docs.forEachRemaining(
          d -> {
            if (d != null && !d.isEmpty()) {
              objects.add(d);
            }
          });
    }
    JsonNode api = find(objects, "Deployment", "ledger-api").path("spec").path("template");
    assertThat(api.path("metadata").path("labels").path("tier").asString()).isEqualTo("backend");
    assertThat(api.path("metadata").path("annotations").path("team").asString())
        .isEqualTo("payments");
    assertThat(api.path("spec").path("nodeSelector").path("pool").asString()).isEqualTo("general");
    assertThat(api.path("spec").path("tolerations").get(0).path("key").asString())
        .isEqualTo("dedicated");
    JsonNode container = api.path("spec").path("containers").get(0);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
        .isEqualTo("/ready");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
        .isEqualTo("/health");
    assertThat(container.path("livenessProbe").path("failureThreshold").asInt())
        .isGreaterThan(container.path("readinessProbe").path("failureThreshold").asInt());
    assertThat(container.path("env").toString()).contains("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asString())
        .isEqualTo("ledger-extra");
    JsonNode postgres =
        find(objects, "StatefulSet", "ledger-postgres").path("spec").path("template").path("spec");
    assertThat(postgres.path("nodeSelector").path("pool").asString()).isEqualTo("storage");

    String numeric =
        new Helm(chart)
            .template()
            .withName("ledger")
            .withKubeVersion("1.30.9")
            .set("services.api.env.WORKERS", 4)
            .call();
    assertThat(numeric)
        .as("helm --set of a number into env")
        .contains("- name: \"WORKERS\"\n              value: \"4\"");

    Path bad =
        Files.writeString(tmp.resolve("bad.yaml"), "podLabels: {app.kubernetes.io/name: other}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Helm(chart)
                    .template()
                    .withName("ledger")
                    .withKubeVersion("1.30.9")
                    .withValuesFile(bad)
                    .call())
        .hasMessageContaining("invalid propertyName 'app.kubernetes.io/name'");
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(
            o ->
                o.path("kind").asString().equals(kind)
                    && o.path("metadata").path("name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }
}
