package s2c.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
 * re-serialising its service.json with Jackson; (2) the CLI's cold start, against a JVM
 * hello-world started the same way.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure compile throughput and CLI cold start against baselines run in the same command.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--scenario-dir", paramLabel = "DIR", defaultValue = "fixtures/picker-wheel", description = "Scenario to compile (default: ${DEFAULT-VALUE}).")
  Path scenarioDir;

  @Option(names = "--provider", defaultValue = "digitalocean", description = "Provider (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--seconds", defaultValue = "5", description = "Measuring time per throughput figure (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--starts", defaultValue = "10", description = "Cold starts per command (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--publish-runs", defaultValue = "10", description = "Publishes timed per figure; 0 skips the publish figures (default: ${DEFAULT-VALUE}).")
  int publishRuns;

  @Option(names = "--helm-runs", defaultValue = "10", description = "Kubernetes renders timed; 0 skips them (default: ${DEFAULT-VALUE}).")
  int helmRuns;

  @Option(names = "--helm-bundle", defaultValue = "fixtures/multi-service/bundle.yaml", description = "Bundle for the Kubernetes figures (default: ${DEFAULT-VALUE}).")
  Path helmBundle;

  @Option(names = "--helm-values", defaultValue = "fixtures/multi-service/values.prod.yaml", description = "Its values (default: ${DEFAULT-VALUE}).")
  Path helmValues;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path serviceJson = scenarioDir.resolve(".vrooli/service.json");
    if (!Files.isRegularFile(serviceJson)) {
      spec.commandLine().getErr().println("error: " + serviceJson + " does not exist (run from the repository root or pass --scenario-dir)");
      return Main.USAGE;
    }
    out.println("scenario-to-cloud bench: " + scenarioDir + " for " + provider + ", " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    out.println();
    byte[] input = Files.readAllBytes(serviceJson);
    double baseline = throughput(() -> JsonOutput.write(JsonOutput.mapper().readTree(input)));
    Compiler compiler = new Compiler(TargetRegistry.load());
    CompileRequest request = new CompileRequest(java.util.Optional.empty(), java.util.Optional.of(scenarioDir), provider,
        java.util.Optional.empty(), List.of(), List.of(), java.util.Optional.empty());
    String previous = System.getProperty(TerraformFmt.SKIP_PROPERTY);
    System.setProperty(TerraformFmt.SKIP_PROPERTY, "skip");
    double inProcess;
    try {
      inProcess = throughput(() -> requireOk(compiler.compile(request)));
    } finally {
      restore(previous);
    }
    out.printf("%-52s %12s %10s%n", "throughput", "ops/s", "ratio");
    out.printf("%-52s %12.1f %10s%n", "baseline: Jackson parse + write of service.json", baseline, "1.00");
    out.printf("%-52s %12.1f %10.4f%n", "compile + validate, in-process checks", inProcess, inProcess / baseline);
    if (TerraformFmt.terraformOnPath().isPresent()) {
      double withFmt = throughput(() -> requireOk(compiler.compile(request)));
      out.printf("%-52s %12.1f %10.4f%n", "compile + validate incl. terraform fmt subprocess", withFmt, withFmt / baseline);
    } else {
      out.printf("%-52s %12s%n", "compile + validate incl. terraform fmt subprocess", "skipped: no terraform on PATH");
    }
    out.println();
    coldStarts(out);
    if (publishRuns > 0) {
      out.println();
      new PublishBench(scenarioDir, provider, publishRuns).run(out);
    }
    if (helmRuns > 0 && Files.isRegularFile(helmBundle) && Files.isRegularFile(helmValues)) {
      out.println();
      new HelmBench(helmBundle, helmValues, helmRuns).run(out);
    }
    out.flush();
    return Main.OK;
  }

  private void coldStarts(PrintWriter out) throws IOException, InterruptedException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      out.println("cold start: skipped (running on a JRE without javac, no hello-world baseline)");
      return;
    }
    Path tmp = Files.createTempDirectory("s2c-bench");
    try {
      Path hello = tmp.resolve("Hello.java");
      Files.writeString(hello, "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }\n");
      if (javac.run(null, null, null, "-d", tmp.toString(), hello.toString()) != 0) {
        out.println("cold start: skipped (could not compile the hello-world baseline)");
        return;
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("java.class.path");
      long[] base = starts(List.of(java, "-cp", tmp.toString(), "Hello"));
      long[] providers = starts(List.of(java, "-cp", classpath, Main.class.getName(), "providers"));
      long[] compile = starts(List.of(java, "-cp", classpath, "-D" + TerraformFmt.SKIP_PROPERTY + "=skip", Main.class.getName(),
          "compile", "--scenario-dir", scenarioDir.toString(), "--provider", provider, "--out", tmp.resolve("out").toString()));
      out.printf("%-52s %12s %10s%n", "cold start (median of " + starts + ")", "ms", "ratio");
      out.printf("%-52s %12.0f %10s%n", "baseline: JVM hello-world", median(base), "1.00");
      out.printf("%-52s %12.0f %10.2f%n", "scenario-to-cloud providers", median(providers), median(providers) / median(base));
      out.printf("%-52s %12.0f %10.2f%n", "scenario-to-cloud compile (no terraform fmt)", median(compile), median(compile) / median(base));
    } finally {
      s2c.write.TreeWriter.deleteRecursively(tmp);
    }
  }

  private long[] starts(List<String> command) throws IOException, InterruptedException {
    long[] millis = new long[starts];
    for (int i = 0; i < starts; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("bench command failed: " + command + "\n" + new String(output, StandardCharsets.UTF_8));
      }
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    return millis;
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
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

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(TerraformFmt.SKIP_PROPERTY);
    } else {
      System.setProperty(TerraformFmt.SKIP_PROPERTY, previous);
    }
  }
}
