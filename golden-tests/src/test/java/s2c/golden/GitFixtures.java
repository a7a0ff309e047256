package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import s2c.gitops.GitAccess;
import s2c.gitops.PublishRequest;
import s2c.gitops.Trailers;
import s2c.model.Deployment;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;

/** Bare repositories, renders to publish, and git CLI checks shared by the GitOps tests. */
final class GitFixtures {
  private GitFixtures() {}

  static Repository bare(Path dir) throws Exception {
    return Git.init()
        .setBare(true)
        .setDirectory(dir.toFile())
        .setInitialBranch("main")
        .call()
        .getRepository();
  }

  static CompileResult pickerWheel(String... sets) {
    CompileRequest request =
        new CompileRequest(
            Optional.empty(),
            Optional.of(TestPaths.fixture("picker-wheel")),
            "digitalocean",
            Optional.empty(),
            List.of(),
            List.of(sets),
            Optional.empty());
    CompileResult result = new Compiler(TargetRegistry.load()).compile(request);
    assertThat(result.ok()).as("%s", result.diagnostics()).isTrue();
    return result;
  }

  static PublishRequest request(String url, GitAccess access, CompileResult result) {
    Deployment d = result.deployment().orElseThrow();
    return new PublishRequest(
        url,
        "main",
        "main",
        d.scenario() + "/" + d.environment() + "/digitalocean",
        result.tree().orElseThrow(),
        "Deploy " + d.scenario(),
        Optional.empty(),
        Trailers.of(d.scenario(), d.environment(), "digitalocean", d.inputDigest(), "test"),
        access,
        20);
  }

  /** Runs the git command line; returns its output, failing the test on a non-zero exit. */
  static String git(Path gitDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }

  static void assertFsckClean(Path gitDir) throws IOException, InterruptedException {
    git(gitDir, "fsck", "--full", "--strict");
    try (var locks = Files.walk(gitDir)) {
      assertThat(locks.filter(p -> p.toString().endsWith(".lock")).toList())
          .as("lock files left behind")
          .isEmpty();
    }
  }

  /** Copies a fixture directory tree (files and directories, no links) to {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
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
}
