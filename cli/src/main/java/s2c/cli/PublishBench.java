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
import org.eclipse.jgit.api.Git;
import s2c.gitops.GitAccess;
import s2c.gitops.PublishException;
import s2c.gitops.PublishOutcome;
import s2c.gitops.PublishRequest;
import s2c.gitops.Publisher;
import s2c.gitops.Trailers;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.TreeWriter;

/**
 * Publish timings on a local bare repository, next to the git command line doing the same work on
 * the same repository (clone, write the files, add, commit, push; or clone and status for a no-op).
 */
final class PublishBench {
  private final Path scenarioDir;
  private final String provider;
  private final int runs;

  PublishBench(Path scenarioDir, String provider, int runs) {
    this.scenarioDir = scenarioDir;
    this.provider = provider;
    this.runs = runs;
  }

  void run(PrintWriter out) throws Exception {
    Path tmp = Files.createTempDirectory("s2c-bench-publish");
    try {
      Path remote = tmp.resolve("infra.git");
      Git.init()
          .setBare(true)
          .setDirectory(remote.toFile())
          .setInitialBranch("main")
          .call()
          .close();
      String url = remote.toUri().toString();
      RenderedTree[] trees = {render(2), render(3)};
      String path = "bench/dev/" + provider;
      publish(url, path, trees[0]);
      long[] changed = new long[runs];
      long[] unchanged = new long[runs];
      long[] gitChanged = new long[runs];
      long[] gitUnchanged = new long[runs];
      for (int i = 0; i < runs; i++) {
        RenderedTree next = trees[(i + 1) % 2];
        long t0 = System.nanoTime();
        PublishOutcome o = publish(url, path, next);
        changed[i] = (System.nanoTime() - t0) / 1_000_000;
        require(!o.unchanged(), "a changed render made no commit");
        t0 = System.nanoTime();
        require(publish(url, path, next).unchanged(), "an unchanged render made a commit");
        unchanged[i] = (System.nanoTime() - t0) / 1_000_000;
        gitChanged[i] = gitPublish(tmp.resolve("git-" + i), url, path, trees[i % 2]);
        gitUnchanged[i] = gitNoop(tmp.resolve("noop-" + i), url);
      }
      double base = BenchCommand.median(gitChanged);
      out.printf(
          "%-52s %12s %10s%n",
          "publish to a local bare repo (median of " + runs + ")", "ms", "ratio");
      out.printf("%-52s %12.0f %10s%n", "baseline: git CLI clone+add+commit+push", base, "1.00");
      out.printf(
          "%-52s %12.0f %10.2f%n",
          "scenario-to-cloud publish, changed (in-process)",
          BenchCommand.median(changed),
          BenchCommand.median(changed) / base);
      out.printf(
          "%-52s %12.0f %10.2f%n",
          "git CLI clone+status (no-op)",
          BenchCommand.median(gitUnchanged),
          BenchCommand.median(gitUnchanged) / base);
      out.printf(
          "%-52s %12.0f %10.2f%n",
          "scenario-to-cloud publish, unchanged (in-process)",
          BenchCommand.median(unchanged),
          BenchCommand.median(unchanged) / base);
    } finally {
      TreeWriter.deleteRecursively(tmp);
    }
  }

  private RenderedTree render(int replicas) {
    CompileRequest request =
        new CompileRequest(
            Optional.empty(),
            Optional.of(scenarioDir),
            provider,
            Optional.empty(),
            List.of(),
            List.of("services.api.replicas=" + replicas),
            Optional.empty());
    CompileResult result = new Compiler(TargetRegistry.load()).compile(request);
    require(result.ok(), "bench input does not compile: " + result.diagnostics());
    return result.tree().get();
  }

  private PublishOutcome publish(String url, String path, RenderedTree tree)
      throws PublishException {
    try {
      return publishUngated(url, path, tree);
    } catch (s2c.gitops.PublishRefused impossible) {
      throw new IllegalStateException("the bench publishes with no gate", impossible);
    }
  }

  private PublishOutcome publishUngated(String url, String path, RenderedTree tree)
      throws PublishException, s2c.gitops.PublishRefused {
    return new Publisher()
        .publish(
            new PublishRequest(
                url,
                "main",
                "main",
                path,
                tree,
                "bench",
                Optional.empty(),
                Trailers.of("bench", "dev", provider, "0", "bench"),
                GitAccess.none(),
                5));
  }

  private static long gitPublish(Path dir, String url, String path, RenderedTree tree)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    git(null, "clone", "-q", url, dir.toString());
    TreeWriter.deleteRecursively(dir.resolve(path));
    for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
      Path file = dir.resolve(path).resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    git(dir, "add", "-A", path);
    git(
        dir,
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@localhost",
        "commit",
        "-q",
        "-m",
        "bench");
    git(dir, "push", "-q", "origin", "main");
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long gitNoop(Path dir, String url) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    git(null, "clone", "-q", url, dir.toString());
    git(dir, "status", "--porcelain");
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** {@code git [-C dir] args…}, failing on a non-zero exit (also used by {@link TenantBench}). */
  static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    if (dir != null) {
      command.add("-C");
      command.add(dir.toString());
    }
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
