package s2c.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.terraform.TerraformFmt;
import s2c.write.JsonOutput;

/**
 * {@code bench}: speed figures as ratios against baselines measured in the same run, so they
 * compare across machines. (1) In-process compile+validate of a scenario, against parsing and
 * re-serialising its service.json with Jackson; (2) the CLI's cold start as the launcher runs it,
 * against a JVM hello-world and {@code git status} ({@link ColdStartBench}); (3) publish and
 * Kubernetes validation against git and Helm doing the same work.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure compile throughput and CLI cold start against baselines run in the same command.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--scenario-dir",
      paramLabel = "DIR",
      defaultValue = "fixtures/picker-wheel",
      description = "Scenario to compile (default: ${DEFAULT-VALUE}).")
  Path scenarioDir;

  @Option(
      names = "--provider",
      defaultValue = "digitalocean",
      description = "Provider (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "Measuring time per throughput figure (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--starts",
      defaultValue = "10",
      description = "Cold starts per command (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(
      names = "--publish-runs",
      defaultValue = "10",
      description =
          "Publishes timed per figure; 0 skips the publish figures (default: ${DEFAULT-VALUE}).")
  int publishRuns;

  @Option(
      names = "--helm-runs",
      defaultValue = "10",
      description = "Kubernetes renders timed; 0 skips them (default: ${DEFAULT-VALUE}).")
  int helmRuns;

  @Option(
      names = "--helm-bundle",
      defaultValue = "fixtures/multi-service/bundle.yaml",
      description = "Bundle for the Kubernetes figures (default: ${DEFAULT-VALUE}).")
  Path helmBundle;

  @Option(
      names = "--helm-values",
      defaultValue = "fixtures/multi-service/values.prod.yaml",
      description = "Its values (default: ${DEFAULT-VALUE}).")
  Path helmValues;

  @Option(
      names = "--tenant-counts",
      defaultValue = "100,300,1000",
      paramLabel = "N,N…",
      description =
          "Tenant fan-outs timed (each N tenants × 3 environments, one commit); 0 skips them"
              + " (default: ${DEFAULT-VALUE}).")
  String tenantCounts;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path serviceJson = scenarioDir.resolve(".vrooli/service.json");
    if (!Files.isRegularFile(serviceJson)) {
      spec.commandLine()
          .getErr()
          .println(
              "error: "
                  + serviceJson
                  + " does not exist (run from the repository root or pass --scenario-dir)");
      return Main.USAGE;
    }
    out.println(
        "scenario-to-cloud bench: "
            + scenarioDir
            + " for "
            + provider
            + ", "
            + Runtime.version()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    out.println();
    byte[] input = Files.readAllBytes(serviceJson);
    double baseline = throughput(() -> JsonOutput.write(JsonOutput.mapper().readTree(input)));
    Compiler compiler = new Compiler(TargetRegistry.load());
    CompileRequest request =
        new CompileRequest(
            java.util.Optional.empty(),
            java.util.Optional.of(scenarioDir),
            provider,
            java.util.Optional.empty(),
            List.of(),
            List.of(),
            java.util.Optional.empty());
    double inProcess =
        throughput(() -> requireOk(compiler.compile(request.withChecks(s2c.spi.Checks.FAST))));
    out.printf("%-52s %12s %10s%n", "throughput", "ops/s", "ratio");
    out.printf(
        "%-52s %12.1f %10s%n", "baseline: Jackson parse + write of service.json", baseline, "1.00");
    out.printf(
        "%-52s %12.1f %10.4f%n",
        "compile + validate, in-process checks", inProcess, inProcess / baseline);
    if (TerraformFmt.terraformOnPath().isPresent()) {
      double withFmt =
          throughput(() -> requireOk(compiler.compile(request.withChecks(s2c.spi.Checks.FULL))));
      out.printf(
          "%-52s %12.1f %10.4f%n",
          "compile + validate incl. terraform fmt subprocess", withFmt, withFmt / baseline);
    } else {
      out.printf(
          "%-52s %12s%n",
          "compile + validate incl. terraform fmt subprocess", "skipped: no terraform on PATH");
    }
    out.println();
    new ColdStartBench(scenarioDir, provider, starts).run(out);
    if (publishRuns > 0) {
      out.println();
      new PublishBench(scenarioDir, provider, publishRuns).run(out);
    }
    if (helmRuns > 0 && Files.isRegularFile(helmBundle) && Files.isRegularFile(helmValues)) {
      out.println();
      new HelmBench(helmBundle, helmValues, helmRuns).run(out);
    }
    List<Integer> counts = TenantBench.parse(tenantCounts);
    if (!counts.isEmpty()) {
      out.println();
      new TenantBench(scenarioDir, provider, counts).run(out);
    }
    out.flush();
    return Main.OK;
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }

  private interface Work {
    Object run() throws Exception;
  }

  /** Warms up for a second, then counts completed operations for {@link #seconds}. */
  private double throughput(Work work) throws Exception {
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    List<Object> sink = new ArrayList<>(1);
    while (System.nanoTime() < warmupEnd) {
      sink.add(work.run());
      sink.clear();
    }
    long ops = 0;
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      sink.add(work.run());
      sink.clear();
      ops++;
    }
    return ops / ((System.nanoTime() - start) / 1e9);
  }

  private static Object requireOk(CompileResult result) {
    if (!result.ok()) {
      throw new IllegalStateException("bench input does not compile: " + result.diagnostics());
    }
    return result;
  }
}
