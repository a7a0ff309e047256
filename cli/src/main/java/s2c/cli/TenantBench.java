package s2c.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.gitops.FanOutPublisher;
import s2c.gitops.GitAccess;
import s2c.gitops.PathTemplate;
import s2c.pipeline.CompileRequest;
import s2c.spi.Checks;
import s2c.spi.TargetRegistry;
import s2c.write.TreeWriter;

/**
 * The tenant fan-out figures: N tenants × 3 environments rendered, validated (in-process checks)
 * and committed in one commit to a local bare repository, for several N so the slope shows; the
 * unchanged re-publish of the largest; against the git CLI committing the same pre-rendered
 * directories (clone + copy + add + commit + push) in the same run.
 */
final class TenantBench {
  private static final List<String> ENVS = List.of("dev", "staging", "prod");

  private final Path scenarioDir;
  private final String provider;
  private final List<Integer> counts;

  TenantBench(Path scenarioDir, String provider, List<Integer> counts) {
    this.scenarioDir = scenarioDir;
    this.provider = provider;
    this.counts = List.copyOf(counts);
  }

  void run(PrintWriter out) throws Exception {
    Path work = Files.createTempDirectory("s2c-tenant-bench-");
    try {
      out.printf(
          "%-58s %10s %12s %10s%n",
          "tenant fan-out (" + provider + ", 3 envs each)", "seconds", "per deploy", "ratio");
      TargetRegistry targets = TargetRegistry.load();
      int largest = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
      TenantFanOut.Result biggest = null;
      Path biggestRepo = null;
      double biggestSeconds = 0;
      for (int n : counts) {
        Path tenants = tenantsFile(work, n);
        Path repo = bareRepo(work.resolve("repo-" + n + ".git"));
        long start = System.nanoTime();
        TenantFanOut.Result result = render(targets, tenants);
        publish(result, repo);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
            "%-58s %10.2f %10.2f ms %10s%n",
            n + " tenants × 3 = " + n * 3 + " deployments, one commit",
            seconds,
            seconds * 1000 / (n * 3),
            "");
        out.flush();
        if (n == largest) {
          biggest = result;
          biggestRepo = repo;
          biggestSeconds = seconds;
        }
      }
      if (biggest == null) {
        return;
      }
      long start = System.nanoTime();
      FanOutPublisher.Outcome again =
          publish(render(targets, tenantsFile(work, largest)), biggestRepo);
      double unchanged = (System.nanoTime() - start) / 1e9;
      out.printf(
          "%-58s %10.2f %10s %10s%n",
          "unchanged re-publish of "
              + largest * 3
              + (again.unchanged() ? " (no commit)" : " (COMMITTED)"),
          unchanged,
          "",
          "");
      double git = gitBaseline(work, biggest);
      out.printf(
          "%-58s %10.2f %10s %10s%n",
          "baseline: git CLI clone + copy + add + commit + push of them", git, "", "1.00");
      out.printf(
          "%-58s %10s %10s %10.2f%n",
          "fan-out of " + largest * 3 + " (render + validate + commit) vs git alone",
          "",
          "",
          biggestSeconds / git);
      out.printf("%-58s %10s%n", "peak RSS of this process", peakRss());
    } finally {
      TreeWriter.deleteRecursively(work);
    }
  }

  private TenantFanOut.Result render(TargetRegistry targets, Path tenants) throws Exception {
    CompileRequest base =
        new CompileRequest(
                Optional.empty(),
                Optional.of(scenarioDir),
                provider,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty())
            .withChecks(Checks.FAST);
    TenantFanOut.Options options = new TenantFanOut.Options();
    options.tenants = tenants;
    TenantFanOut.Result result =
        TenantFanOut.render(targets, base, options, PathTemplate.TENANT_DEFAULT);
    if (!result.ok()) {
      throw new IllegalStateException(
          "bench tenants do not compile: " + result.diagnostics().get(0).format());
    }
    return result;
  }

  private FanOutPublisher.Outcome publish(TenantFanOut.Result result, Path repo) throws Exception {
    List<FanOutPublisher.Entry> entries = new ArrayList<>();
    String scenario = result.members().get(0).result().deployment().orElseThrow().scenario();
    for (TenantFanOut.Member m : result.members()) {
      entries.add(
          new FanOutPublisher.Entry(
              TenantFanOut.path(PathTemplate.TENANT_DEFAULT, scenario, m),
              TenantFanOut.tree(m).files(),
              s2c.gitops.ChangeGate.NONE));
    }
    return new FanOutPublisher()
        .publish(
            new FanOutPublisher.Request(
                repo.toUri().toString(),
                "main",
                "main",
                entries,
                new PathTemplate(PathTemplate.TENANT_DEFAULT).anyTenant(scenario, provider),
                false,
                "bench",
                Optional.empty(),
                Map.of(),
                GitAccess.fromEnvironment(Map.of()),
                1,
                Map.of()));
  }

  /** The git CLI committing the same directories to a fresh bare repository. */
  private double gitBaseline(Path work, TenantFanOut.Result result) throws Exception {
    Path rendered = work.resolve("rendered");
    String scenario = result.members().get(0).result().deployment().orElseThrow().scenario();
    for (TenantFanOut.Member m : result.members()) {
      TreeWriter.replace(
          rendered.resolve(TenantFanOut.path(PathTemplate.TENANT_DEFAULT, scenario, m)),
          TenantFanOut.tree(m));
    }
    Path bare = bareRepo(work.resolve("baseline.git"));
    Path clone = work.resolve("clone");
    long start = System.nanoTime();
    PublishBench.git(null, "clone", "-q", bare.toUri().toString(), clone.toString());
    PublishBench.git(clone, "checkout", "-q", "-b", "main");
    // no automatic gc: it would run detached after the commit while the clone is deleted
    PublishBench.git(clone, "config", "gc.auto", "0");
    copy(rendered, clone);
    PublishBench.git(clone, "add", "-A");
    PublishBench.git(
        clone,
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@localhost",
        "commit",
        "-q",
        "-m",
        "bench");
    PublishBench.git(clone, "push", "-q", "origin", "main");
    return (System.nanoTime() - start) / 1e9;
  }

  private static Path bareRepo(Path dir) throws Exception {
    PublishBench.git(null, "init", "-q", "--bare", "-b", "main", dir.toString());
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private Path tenantsFile(Path work, int n) throws IOException {
    StringBuilder yaml = new StringBuilder("environments: [dev, staging, prod]\n");
    if (!provider.equals("kubernetes")) {
      // prod needs remote Terraform state
      yaml.append(
          "defaults:\n  state_backend: {type: spaces, bucket: s2c-bench-state, region: nyc3}\n");
    }
    yaml.append("tenants:\n");
    for (int i = 0; i < n; i++) {
      String id = String.format("t%05d", i);
      yaml.append("  - id: ")
          .append(id)
          .append("\n    domain: ")
          .append(id)
          .append(".example.com\n");
    }
    Path file = work.resolve("tenants-" + n + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** VmHWM of /proc/self/status (Linux), else what the JVM heap reached. */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring(6).strip();
        }
      }
    } catch (IOException notLinux) {
      // fall through
    }
    return (Runtime.getRuntime().totalMemory() / (1024 * 1024)) + " MB heap";
  }

  static List<Integer> parse(String counts) {
    List<Integer> out = new ArrayList<>();
    for (String c : counts.split(",")) {
      if (!c.isBlank() && Integer.parseInt(c.strip()) > 0) {
        out.add(Integer.parseInt(c.strip()));
      }
    }
    return out;
  }
}
