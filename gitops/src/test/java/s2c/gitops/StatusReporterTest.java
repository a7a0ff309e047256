package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import s2c.model.Deployment;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

class StatusReporterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static Deployment deployment() {
    return new Deployment(
        "picker-wheel",
        "1.0.0",
        "",
        "prod",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new TreeMap<>(),
        "abc123",
        "service.json",
        s2c.model.Guardrails.none(),
        Optional.empty());
  }

  private static PublishOutcome outcome() {
    return new PublishOutcome(
        false,
        "deadbeef",
        "main",
        "picker-wheel/prod/digitalocean",
        ChangeSummary.between(Map.of(), Map.of("a", new byte[] {1})),
        1);
  }

  @Test
  void postsDeploymentManagerTelemetry() throws Exception {
    try (StubHttp dm = new StubHttp(200, "{}")) {
      List<String> warnings =
          new StatusReporter(
                  deployment(), "digitalocean", Optional.of(dm.url() + "/api/v1/telemetry"), CLOCK)
              .published(outcome(), "https://user:secret@git.example.com/infra.git");
      assertThat(warnings).isEmpty();
      JsonNode body = JsonOutput.mapper().readTree(dm.requests.get(0).body());
      assertThat(body.path("scenario_name").asString()).isEqualTo("picker-wheel");
      assertThat(body.path("deployment_mode").asString()).isEqualTo("cloud");
      assertThat(body.path("source").asString()).isEqualTo("scenario-to-cloud");
      JsonNode event = body.path("events").get(0);
      assertThat(event.path("event").asString()).isEqualTo("deployment_published");
      assertThat(event.path("timestamp").asString()).isEqualTo("2026-11-26T10:00:00Z");
      assertThat(event.path("details").path("commit").asString()).isEqualTo("deadbeef");
      assertThat(event.path("details").path("repo").asString())
          .isEqualTo("https://***@git.example.com/infra.git");
      assertThat(dm.requests.get(0).body()).doesNotContain("secret");
    }
  }

  @Test
  void undeliverableReportsBecomeWarnings() throws Exception {
    try (StubHttp dm = new StubHttp(503, "")) {
      assertThat(
              new StatusReporter(deployment(), "do", Optional.of(dm.url()), CLOCK).failed("boom"))
          .singleElement()
          .asString()
          .contains("HTTP 503");
    }
    assertThat(
            new StatusReporter(deployment(), "do", Optional.of("http://127.0.0.1:1/nothing"), CLOCK)
                .published(outcome(), "file:///x"))
        .singleElement()
        .asString()
        .contains("failed");
    assertThat(
            new StatusReporter(deployment(), "do", Optional.empty(), CLOCK)
                .published(outcome(), "file:///x"))
        .isEmpty();
  }
}
