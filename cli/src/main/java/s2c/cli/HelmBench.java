package s2c.cli;

import com.marcnuri.helm.Helm;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.TreeWriter;

/**
 * Kubernetes: render + full validation of a chart, against {@code helm template} alone on the same
 * chart.
 */
final class HelmBench {
  private final Path bundle;
  private final Path values;
  private final int runs;

  HelmBench(Path bundle, Path values, int runs) {
    this.bundle = bundle;
    this.values = values;
    this.runs = runs;
  }

  void run(PrintWriter out) throws Exception {
    CompileRequest request =
        new CompileRequest(
            Optional.of(bundle),
            Optional.empty(),
            "kubernetes",
            Optional.empty(),
            List.of(values),
            List.of(),
            Optional.empty());
    CompileRequest fast = request.withChecks(s2c.spi.Checks.FAST);
    Compiler compiler = new Compiler(TargetRegistry.load());
    long[] compile = new long[runs];
    long[] compileFast = new long[runs];
    long[] template = new long[runs];
    Path tmp = Files.createTempDirectory("s2c-bench-helm");
    try {
      CompileResult first = compiler.compile(request);
      if (!first.ok()) {
        throw new IllegalStateException("bench input does not compile: " + first.diagnostics());
      }
      TreeWriter.replace(tmp.resolve("k8s"), first.tree().get());
      Path chart = Files.list(tmp.resolve("k8s/chart")).findFirst().orElseThrow();
      Path env = Files.list(tmp.resolve("k8s/values")).findFirst().orElseThrow();
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        compiler.compile(request);
        compile[i] = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        compiler.compile(fast);
        compileFast[i] = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        new Helm(chart)
            .template()
            .withName("bench")
            .withKubeVersion("1.30.9")
            .withValuesFile(env)
            .call();
        template[i] = (System.nanoTime() - t0) / 1_000_000;
      }
    } finally {
      TreeWriter.deleteRecursively(tmp);
    }
    double base = BenchCommand.median(template);
    out.printf(
        "%-52s %12s %10s%n",
        "kubernetes chart of " + bundle.getFileName() + " (median of " + runs + ")", "ms", "ratio");
    out.printf("%-52s %12.0f %10s%n", "baseline: helm template alone (helm-java)", base, "1.00");
    out.printf(
        "%-52s %12.0f %10.2f%n",
        "compile --checks fast (template + in-process rules)",
        BenchCommand.median(compileFast),
        BenchCommand.median(compileFast) / base);
    out.printf(
        "%-52s %12.0f %10.2f%n",
        "compile --checks full (+ helm lint --strict)",
        BenchCommand.median(compile),
        BenchCommand.median(compile) / base);
  }
}
