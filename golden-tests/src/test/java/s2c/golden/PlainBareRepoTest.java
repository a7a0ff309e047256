package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2c.testing.TestPaths;
import s2c.write.Executables;

/**
 * Publishing to a repository made the way people make one, `git init --bare`, whatever its HEAD
 * names: unset (git's default), master (a branch that never gets a commit) or main. The second
 * publish used to fail with "Remote branch 'HEAD' not found in upstream origin".
 */
class PlainBareRepoTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"", "master", "main"})
  void publishesAgainAndAgainToAPlainBareRepo(String defaultBranch) throws Exception {
    assumeTrue(Executables.onPath("git").isPresent(), "git is not installed");
    Path repo = tmp.resolve("infra.git");
    List<String> init = new ArrayList<>(List.of("git"));
    if (!defaultBranch.isEmpty()) {
      init.addAll(List.of("-c", "init.defaultBranch=" + defaultBranch));
    }
    init.addAll(List.of("init", "-q", "--bare", repo.toString()));
    assertThat(new ProcessBuilder(init).inheritIO().start().waitFor()).isZero();
    String bundle = TestPaths.fixture("baremetal-demo/bundle.json").toString();
    for (String image : List.of("ghcr.io/x/a:1", "ghcr.io/x/a:2", "ghcr.io/x/a:2")) {
      CliRun run =
          CliRun.of(
              "publish",
              "--bundle",
              bundle,
              "--provider",
              "do",
              "--set",
              "services.api.image=" + image,
              "--repo",
              repo.toUri().toString());
      assertThat(run.exit())
          .as("publish %s to a bare repo with HEAD '%s': %s", image, defaultBranch, run.err())
          .isZero();
    }
    Process log =
        new ProcessBuilder("git", "--git-dir", repo.toString(), "rev-list", "--count", "main")
            .start();
    assertThat(new String(log.getInputStream().readAllBytes()).strip())
        .as("commits on main (the third publish changed nothing)")
        .isEqualTo("2");
  }
}
