package s2c.gitops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.model.Deployment;
import s2c.pipeline.CompilerVersion;
import s2c.write.JsonOutput;

/**
 * Tells deployment-manager what happened, in its telemetry format ({@code scenario_name,
 * deployment_mode: cloud, source: scenario-to-cloud, events[]}), and keeps a local {@code
 * status.json}. A report that cannot be delivered becomes a warning for the caller, never silence;
 * it never fails the publish itself.
 */
public final class StatusReporter {
  /** What a report is about: one deployment of a scenario, as rendered. */
  public record Subject(
      String scenario,
      String environment,
      String appVersion,
      String inputDigest,
      Optional<String> telemetryUploadUrl) {
    static Subject of(Deployment d) {
      return new Subject(
          d.scenario(), d.environment(), d.appVersion(), d.inputDigest(), d.telemetryUploadUrl());
    }
  }

  private final Subject deployment;
  private final String provider;
  private final Optional<String> url;
  private final boolean operatorUrl;
  private final Clock clock;

  /**
   * Reports go to {@code operatorUrl} (the CLI's {@code --report-url} or {@code serve}'s
   * configuration) when given, else to the bundle's {@code telemetry.upload_url}. Only an
   * operator's URL gets the {@code S2C_REPORT_TOKEN} credential, and only over https or to a
   * loopback address: a bundle is input, and input never decides where a credential goes.
   */
  public StatusReporter(Deployment deployment, String provider, Optional<String> operatorUrl) {
    this(Subject.of(deployment), provider, operatorUrl, Clock.systemUTC());
  }

  /** For a deployment known only by its render (verify reads the rendered directory). */
  public StatusReporter(Subject subject, String provider, Optional<String> operatorUrl) {
    this(subject, provider, operatorUrl, Clock.systemUTC());
  }

  StatusReporter(
      Deployment deployment, String provider, Optional<String> operatorUrl, Clock clock) {
    this(Subject.of(deployment), provider, operatorUrl, clock);
  }

  StatusReporter(Subject deployment, String provider, Optional<String> operatorUrl, Clock clock) {
    this.deployment = deployment;
    this.provider = provider;
    Optional<String> operator = operatorUrl.filter(u -> !u.isBlank());
    this.operatorUrl = operator.isPresent();
    this.url = operator.or(deployment::telemetryUploadUrl).filter(u -> !u.isBlank());
    this.clock = clock;
  }

  /** Whether the report credential may go to {@code url}: an operator's https or loopback URL. */
  static boolean mayCarryToken(String url, boolean fromOperator) {
    if (!fromOperator) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback =
        host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1");
    return "https".equalsIgnoreCase(uri.getScheme())
        || ("http".equalsIgnoreCase(uri.getScheme()) && loopback);
  }

  public List<String> published(PublishOutcome outcome, String repoUrl) {
    return send(
        outcome.unchanged() ? "deployment_unchanged" : "deployment_published",
        details(outcome, repoUrl));
  }

  /**
   * A verification's outcome: {@code deployment_ready}, {@code deployment_health_failed} or {@code
   * deployment_rolled_back}, with the checks in the details.
   */
  public List<String> verified(String event, Map<String, Object> details) {
    Map<String, Object> d = base();
    d.putAll(details);
    return send(event, d);
  }

  public List<String> failed(String reason) {
    Map<String, Object> details = base();
    details.put("error", Redaction.redact(reason));
    return send("deployment_publish_failed", details);
  }

  public void writeStatusFile(Path file, PublishOutcome outcome, String repoUrl)
      throws IOException {
    Map<String, Object> status = new LinkedHashMap<>(details(outcome, repoUrl));
    status.put("state", outcome.unchanged() ? "unchanged" : "published");
    status.put("updated_at", Instant.now(clock).toString());
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JsonOutput.write(status), StandardCharsets.UTF_8);
  }

  private Map<String, Object> base() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("provider", provider);
    d.put("environment", deployment.environment());
    d.put("app_version", deployment.appVersion());
    d.put("bundle_digest", "sha256:" + deployment.inputDigest());
    d.put("compiler_version", CompilerVersion.VERSION);
    return d;
  }

  private Map<String, Object> details(PublishOutcome outcome, String repoUrl) {
    Map<String, Object> d = base();
    d.put("repo", Redaction.redact(repoUrl));
    d.put("branch", outcome.branch());
    d.put("path", outcome.path());
    d.put("commit", outcome.commitId());
    d.put("summary", outcome.summary().oneLine());
    // the dashboard's cost column: what the deployment as published costs a month
    outcome
        .summary()
        .cost()
        .ifPresent(
            c -> {
              d.put("monthly_usd", c.after());
              d.put("currency", c.currency());
              d.put("prices_as_of", c.pricesAsOf());
            });
    return d;
  }

  /** The telemetry payload deployment-manager accepts. */
  Map<String, Object> payload(String event, Map<String, Object> details) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", event);
    e.put("timestamp", Instant.now(clock).toString());
    e.put("details", details);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("scenario_name", deployment.scenario());
    p.put("deployment_mode", "cloud");
    p.put("source", "scenario-to-cloud");
    p.put("events", List.of(e));
    return p;
  }

  private List<String> send(String event, Map<String, Object> details) {
    List<String> warnings = new ArrayList<>();
    if (url.isEmpty()) {
      return warnings;
    }
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url.get()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JsonOutput.write(payload(event, details))));
      String token = System.getenv("S2C_REPORT_TOKEN");
      if (token != null && !token.isEmpty()) {
        if (mayCarryToken(url.get(), operatorUrl)) {
          request.header("Authorization", "Bearer " + token);
        } else {
          warnings.add(
              "status report to "
                  + Redaction.redact(url.get())
                  + " is sent without S2C_REPORT_TOKEN: "
                  + (operatorUrl
                      ? "the token only goes over https or to a loopback address"
                      : "the URL comes from the bundle; pass --report-url to choose where the token goes"));
        }
      }
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        warnings.add(
            "status report to "
                + Redaction.redact(url.get())
                + " was refused: HTTP "
                + response.statusCode());
      }
    } catch (IOException | IllegalArgumentException e) {
      warnings.add(
          "status report to "
              + Redaction.redact(url.get())
              + " failed: "
              + Redaction.redact(String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      warnings.add("status report interrupted");
    }
    return warnings;
  }
}
