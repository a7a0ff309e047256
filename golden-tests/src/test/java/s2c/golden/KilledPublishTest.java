package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;

/** A publish killed at any moment leaves the remote consistent, and running it again completes. */
// heavy end to end: in the e2e profile with the fresh-host tests (.ci/run runs both suites)
@org.junit.jupiter.api.Tag("slow")
class KilledPublishTest {
  @TempDir Path tmp;

  @Test
  void killedPublishesLeaveTheRemoteConsistentAndARerunCompletes() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();
    String[] args = {
      "publish",
      "--scenario-dir",
      TestPaths.fixture("picker-wheel").toString(),
      "--provider",
      "digitalocean",
      "--repo",
      url,
      // the rounds change the replica count, and with it the estimate: confirmed up front
      "--approve-cost",
      "1000000",
      "--out",
      tmp.resolve("dist").toString()
    };
    int killed = 0;
    for (int delay : new int[] {150, 300, 450, 600, 750, 900, 1100, 1300, 1600, 2000}) {
      Process p =
          Subprocess.cli(Map.of(), args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        killed++;
      } else if (p.exitValue() == 0) {
        // it finished before we could kill it: undo nothing, the next round publishes a change
        args = withReplicas(args, delay);
      }
      GitFixtures.assertFsckClean(remote);
    }
    assertThat(killed).as("at least some publishes were killed mid-way").isGreaterThanOrEqualTo(3);
    Process rerun = Subprocess.start(Map.of(), args);
    String output = new String(rerun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(rerun.waitFor()).as(output).isZero();
    assertThat(output).containsAnyOf("published ", "unchanged: ");
    java.util.List<String> diffArgs = new java.util.ArrayList<>(java.util.List.of(args));
    diffArgs.set(0, "diff");
    int out = diffArgs.indexOf("--out");
    diffArgs.remove(out + 1);
    diffArgs.remove(out);
    Process diff =
        Subprocess.cli(Map.of(), diffArgs.toArray(new String[0]))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(diff.waitFor()).as("the repo holds exactly the last render").isZero();
    GitFixtures.assertFsckClean(remote);
    assertThat(GitFixtures.git(remote, "ls-tree", "-r", "--name-only", "main"))
        .contains("picker-wheel/dev/digitalocean/terraform/main.tf");
  }

  private static String[] withReplicas(String[] args, int n) {
    String[] more = java.util.Arrays.copyOf(args, args.length + 2);
    more[args.length] = "--set";
    more[args.length + 1] = "services.api.replicas=" + (n % 7 + 2);
    return more;
  }
}
