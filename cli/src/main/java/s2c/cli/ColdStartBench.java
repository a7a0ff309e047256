package s2c.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.eclipse.jgit.api.Git;
import s2c.write.TreeWriter;

/**
 * Cold starts as a user (or a CI job) meets them: each a new process started through the launcher
 * {@code ./scenario-to-cloud} when the bench runs from a checkout (its archive and JVM options
 * included), else {@code java -cp}. Baselines in the same run: a JVM hello-world for the compile,
 * {@code git status} in a clone of the same repository for a no-op publish.
 */
final class ColdStartBench {
  private final Path scenarioDir;
  private final String provider;
  private final int starts;

  ColdStartBench(Path scenarioDir, String provider, int starts) {
    this.scenarioDir = scenarioDir;
    this.provider = provider;
    this.starts = starts;
  }

  void run(PrintWriter out) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      out.println("cold start: skipped (running on a JRE without javac, no hello-world baseline)");
      return;
    }
    Path tmp = Files.createTempDirectory("s2c-bench-cold");
    try {
      Path hello = tmp.resolve("Hello.java");
      Files.writeString(
          hello,
          "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }\n");
      if (javac.run(null, null, null, "-d", tmp.toString(), hello.toString()) != 0) {
        out.println("cold start: skipped (could not compile the hello-world baseline)");
        return;
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path launcher = Path.of("scenario-to-cloud").toAbsolutePath();
      boolean viaLauncher = Files.isExecutable(launcher);
      List<String> cli =
          viaLauncher
              ? List.of(launcher.toString())
              : List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
      List<String> compile =
          with(
              cli,
              "compile",
              "--scenario-dir",
              scenarioDir.toString(),
              "--provider",
              provider,
              "--checks",
              "fast",
              "--out",
              tmp.resolve("out").toString());

      Path remote = tmp.resolve("infra.git");
      Git.init()
          .setBare(true)
          .setDirectory(remote.toFile())
          .setInitialBranch("main")
          .call()
          .close();
      List<String> publish =
          with(
              cli,
              "publish",
              "--scenario-dir",
              scenarioDir.toString(),
              "--provider",
              provider,
              "--checks",
              "fast",
              "--repo",
              remote.toUri().toString(),
              "--out",
              tmp.resolve("out").toString());
      time(
          publish,
          1,
          Optional.empty()); // the first publish commits; the timed ones find nothing to change
      Path clone = tmp.resolve("clone");
      time(
          List.of("git", "clone", "-q", remote.toUri().toString(), clone.toString()),
          1,
          Optional.empty());

      long[] base = time(List.of(java, "-cp", tmp.toString(), "Hello"), starts, Optional.empty());
      long[] providers = time(with(cli, "providers"), starts, Optional.empty());
      long[] compiles = time(compile, starts, Optional.empty());
      long[] gitStatus = time(List.of("git", "status", "--short"), starts, Optional.of(clone));
      long[] noOp = time(publish, starts, Optional.empty());

      out.printf(
          "%-52s %12s %10s%n",
          "cold start (median of "
              + starts
              + ", "
              + (viaLauncher ? "via ./scenario-to-cloud" : "java -cp")
              + ")",
          "ms",
          "ratio");
      out.printf("%-52s %12.0f %10s%n", "baseline: JVM hello-world", median(base), "1.00");
      out.printf(
          "%-52s %12.0f %10.2f%n",
          "scenario-to-cloud providers", median(providers), median(providers) / median(base));
      out.printf(
          "%-52s %12.0f %10.2f%n",
          "compile --provider " + provider + " --checks fast",
          median(compiles),
          median(compiles) / median(base));
      out.printf(
          "%-52s %12.1f %10s%n",
          "baseline: git status in a clone of the infra repo", median(gitStatus), "1.00");
      out.printf(
          "%-52s %12.0f %10.1f%n",
          "publish, no-op (render unchanged)", median(noOp), median(noOp) / median(gitStatus));
      peakRss(compile)
          .ifPresentOrElse(
              kb -> out.printf("%-52s %9.0f MiB%n", "peak RSS of the compile process", kb / 1024.0),
              () ->
                  out.printf(
                      "%-52s %12s%n",
                      "peak RSS of the compile process", "skipped: no /usr/bin/time"));
    } finally {
      TreeWriter.deleteRecursively(tmp);
    }
  }

  private static List<String> with(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  /**
   * Wall time of each of {@code n} runs, after one untimed run (the launcher records its archive on
   * its first).
   */
  private long[] time(List<String> command, int n, Optional<Path> dir)
      throws IOException, InterruptedException {
    if (n > 1) {
      time(command, 1, dir);
    }
    long[] millis = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Process p = start(command, dir);
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "bench command failed: " + command + "\n" + new String(output, StandardCharsets.UTF_8));
      }
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    return millis;
  }

  private static Process start(List<String> command, Optional<Path> dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    dir.ifPresent(d -> pb.directory(d.toFile()));
    Map<String, String> env = pb.environment();
    env.remove("S2C_JAVA_OPTS");
    return pb.start();
  }

  /** Peak resident set of one compile, in KiB, as GNU time reports it (the JVM's whole process). */
  private Optional<Long> peakRss(List<String> compile) throws IOException, InterruptedException {
    Path time = Path.of("/usr/bin/time");
    if (!Files.isExecutable(time)) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(time.toString(), "-f", "s2c-peak-rss %M"));
    command.addAll(compile);
    Process p = start(command, Optional.empty());
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(300, TimeUnit.SECONDS);
    return output
        .lines()
        .filter(l -> l.startsWith("s2c-peak-rss "))
        .map(l -> Long.parseLong(l.substring(13).trim()))
        .findFirst();
  }

  static double median(long[] values) {
    return BenchCommand.median(values);
  }
}
