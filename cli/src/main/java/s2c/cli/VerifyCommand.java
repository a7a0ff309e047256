package s2c.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.StatusReporter;
import s2c.pipeline.VerifyPlan;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify}: runs the smoke tests a render carries ({@code s2c-verify.json}) against the
 * deployed base URL and reports the result; exit 0 healthy, 3 unhealthy, 2 usage.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check a deployed render: every exposed service's health (or route) from its bundle, in"
            + " dependency order, with the bundle's retries; https redirect and certificate."
            + " Exit 0 healthy, 3 unhealthy.")
final class VerifyCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "The rendered directory (dist/<scenario>/cloud/<provider>, or $dir in CI).")
  Path dir;

  @Option(
      names = "--url",
      paramLabel = "BASE_URL",
      description = "Where the deployment answers (default: https://<domain> of the render).")
  String url;

  @Option(
      names = "--outputs",
      paramLabel = "FILE",
      description = "terraform output -json of the deployment: its live_url is the base URL.")
  Path outputs;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "Give up after this long, retries included (e.g. 90s, 10m; default ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--report-url",
      paramLabel = "URL",
      description = "POST the result here (default: the bundle's telemetry.upload_url).")
  String reportUrl;

  @Option(
      names = "--rollback-on-failure",
      description =
          "When unhealthy: commit the previous deployment of this scenario/env/provider to the infra"
              + " repo (trailer S2C-Rollback-Reason: health), push it, report it; still exit 3.")
  boolean rollbackOnFailure;

  @Option(
      names = "--rollback-as-planned",
      description =
          "Roll back when unhealthy if the render plans it: every environment but prod, and prod"
              + " with guardrails.auto_rollback (what the infra CI runs after an apply).")
  boolean rollbackAsPlanned;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubernetes renders: the cluster to read the rollout from (default: $KUBECONFIG,"
              + " ~/.kube/config, else the in-cluster service account).")
  Path kubeconfig;

  @CommandLine.Mixin RepoOptions repo;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path file = dir.resolve(VerifyPlan.NAME);
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), dir + " has no " + VerifyPlan.NAME + ": point --dir at a render");
    }
    JsonNode plan = JsonOutput.mapper().readTree(Files.readString(file));
    URI base = base(plan);
    long started = System.nanoTime();
    java.time.Instant deadline = java.time.Instant.now().plus(duration(timeout));
    List<SmokeRunner.Result> results = new java.util.ArrayList<>();
    List<String> notChecked = new java.util.ArrayList<>();
    // the platform's own view of the rollout first: pods not rolled out explain failing checks
    JsonNode rollout = plan.path("rollout");
    if (rollout.path("platform").asString("").equals("kubernetes")) {
      Optional<io.kubernetes.client.openapi.ApiClient> client = kubernetes();
      if (client.isPresent()) {
        results.addAll(
            new KubernetesRollout(client.get(), ROLLOUT_INTERVAL).run(rollout, deadline));
      } else {
        notChecked.add(
            "the Kubernetes rollout: no --kubeconfig, $KUBECONFIG, ~/.kube/config or in-cluster"
                + " service account");
      }
    }
    Duration left = Duration.between(java.time.Instant.now(), deadline);
    results.addAll(new SmokeRunner(left.isNegative() ? Duration.ZERO : left).run(base, plan));
    long millis = (System.nanoTime() - started) / 1_000_000;
    boolean ok = results.stream().allMatch(SmokeRunner.Result::ok);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("ok", ok);
    report.put("url", base.toString());
    report.put("checks", results.stream().map(SmokeRunner.Result::json).toList());
    if (!notChecked.isEmpty()) {
      report.put("not_checked", notChecked);
    }
    report.put("duration_ms", millis);
    StatusReporter reporter = reporter(plan);
    List<String> warnings =
        new java.util.ArrayList<>(
            reporter.verified(ok ? "deployment_ready" : "deployment_health_failed", report));
    boolean rollBack =
        rollbackOnFailure
            || (rollbackAsPlanned && plan.path("rollback_on_failure").asBoolean(false));
    if (!ok && rollBack) {
      rollBack(plan, reporter, report, warnings);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    warnings.forEach(w -> err.println("warning: " + w));
    if (output.json()) {
      out.print(JsonOutput.write(report));
    } else {
      for (SmokeRunner.Result r : results) {
        out.println(
            (r.ok() ? "ok    " : "FAIL  ")
                + r.name()
                + "  "
                + r.url()
                + "  expected "
                + r.expected()
                + ", got "
                + r.got()
                + " ("
                + r.attempts()
                + " attempt(s))");
      }
      notChecked.forEach(n -> out.println("skip  " + n));
      out.println((ok ? "healthy" : "unhealthy") + " after " + millis + " ms");
    }
    out.flush();
    err.flush();
    return ok ? Main.OK : Main.PUBLISH_FAILED;
  }

  /** How often the rollout is read again while it is in progress. */
  static final Duration ROLLOUT_INTERVAL = Duration.ofSeconds(2);

  private Optional<io.kubernetes.client.openapi.ApiClient> kubernetes() {
    try {
      return KubernetesRollout.client(kubeconfig, System.getenv());
    } catch (java.io.IOException | RuntimeException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "cannot read the kubeconfig: " + e.getMessage());
    }
  }

  private URI base(JsonNode plan) throws java.io.IOException {
    String value = url;
    if (value == null && outputs != null) {
      JsonNode live;
      try {
        live = JsonOutput.mapper().readTree(Files.readString(outputs)).path("live_url");
      } catch (tools.jackson.core.JacksonException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), outputs + " is not the JSON of terraform output -json");
      }
      value = live.path("value").isString() ? live.path("value").asString() : null;
      if (value == null || value.isBlank()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), outputs + " has no live_url output to check");
      }
    }
    if (value == null && plan.path("domain").isString()) {
      value = "https://" + plan.path("domain").asString();
    }
    if (value == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "the render has no domain: give --url BASE_URL");
    }
    URI uri = URI.create(value.endsWith("/") ? value : value + "/");
    if (uri.getRawUserInfo() != null) {
      // credentials are not sent and never echoed: the checks are what any visitor sees
      spec.commandLine().getErr().println("warning: the credentials in the URL are not used");
      uri =
          URI.create(
              uri.getScheme()
                  + "://"
                  + uri.getHost()
                  + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                  + uri.getRawPath());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--url must be http(s)");
    }
    return uri;
  }

  /**
   * The previous deployment back as a new commit; the infra CI applies it. A rollback that fails is
   * reported as a warning: the exit code already says unhealthy.
   */
  private void rollBack(
      JsonNode plan, StatusReporter reporter, Map<String, Object> report, List<String> warnings) {
    try {
      String url = repo.url();
      s2c.gitops.Rollback.Outcome outcome =
          s2c.gitops.Rollback.run(
              url,
              repo.branch(),
              repo.template(),
              plan.path("scenario").asString(),
              plan.path("environment").asString(),
              Optional.of(plan.path("provider").asString()),
              Optional.empty(),
              repo.access(),
              repo.maxAttempts,
              Map.of(s2c.gitops.Trailers.ROLLBACK_REASON, "health"));
      Map<String, Object> rolledBack = new LinkedHashMap<>();
      rolledBack.put("commit", outcome.commitId());
      rolledBack.put("restored", outcome.restored().commit());
      rolledBack.put("unchanged", outcome.unchanged());
      report.put("rollback", rolledBack);
      warnings.addAll(reporter.verified("deployment_rolled_back", rolledBack));
    } catch (s2c.gitops.PublishException e) {
      report.put("rollback", Map.of("error", s2c.gitops.Redaction.redact(e.getMessage())));
      warnings.add("the rollback failed: " + s2c.gitops.Redaction.redact(e.getMessage()));
    }
  }

  /** Reports go to deployment-manager's telemetry; a delivery failure is only a warning. */
  private StatusReporter reporter(JsonNode plan) {
    return new StatusReporter(
        new StatusReporter.Subject(
            plan.path("scenario").asString(),
            plan.path("environment").asString(),
            plan.path("app_version").asString(),
            plan.path("bundle_digest").asString(),
            plan.path("telemetry_upload_url").isString()
                ? Optional.of(plan.path("telemetry_upload_url").asString())
                : Optional.empty()),
        plan.path("provider").asString(),
        Optional.ofNullable(reportUrl));
  }

  private Duration duration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(ms|s|m|h)$").matcher(text);
    if (!m.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--timeout must be like 90s or 10m, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
