package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The publish lifecycle over file://, through the CLI exactly as users run it. */
class GitPublishTest {
  @TempDir Path tmp;

  private String[] publish(String url, String... extra) {
    String[] base = {
      "publish",
      "--scenario-dir",
      TestPaths.fixture("picker-wheel").toString(),
      "--provider",
      "digitalocean",
      "--repo",
      url,
      "--out",
      tmp.resolve("dist").toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void publishNoopChangeDiffHistoryRollback() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();

    // first publish: one commit with the trailers
    CliRun first = CliRun.of(publish(url));
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("published ");
    String log = GitFixtures.git(remote, "log", "-1", "--format=%B");
    assertThat(log)
        .contains(
            "S2C-Scenario: picker-wheel\nS2C-Env: dev\nS2C-Provider: digitalocean\nS2C-Bundle-Digest: sha256:",
            "S2C-Compiler: 0.1.0");
    assertThat(GitFixtures.git(remote, "ls-tree", "-r", "--name-only", "main"))
        .contains("picker-wheel/dev/digitalocean/terraform/main.tf");

    // republishing the same render makes no commit
    String tip = GitFixtures.git(remote, "rev-parse", "main").strip();
    CliRun again = CliRun.of(publish(url));
    assertThat(again.exit()).isZero();
    assertThat(again.out()).startsWith("unchanged: ");
    assertThat(GitFixtures.git(remote, "rev-parse", "main").strip()).isEqualTo(tip);

    // someone else adds a stale file in our directory and a file elsewhere
    try (Git other =
        Git.cloneRepository().setURI(url).setDirectory(tmp.resolve("other").toFile()).call()) {
      Files.writeString(
          tmp.resolve("other/picker-wheel/dev/digitalocean/terraform/old.tf"), "# stale\n");
      Files.createDirectories(tmp.resolve("other/team"));
      Files.writeString(tmp.resolve("other/team/keep.txt"), "not ours\n");
      other.add().addFilepattern(".").call();
      other.commit().setMessage("manual edits").setSign(false).call();
      other.push().call();
    }

    // diff against the repo: different (the stale file), exit 1
    CliRun diff =
        CliRun.of(
            "diff",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "do",
            "--repo",
            url);
    assertThat(diff.exit()).isEqualTo(1);
    assertThat(diff.out())
        .contains(
            "--- a/picker-wheel/dev/digitalocean/terraform/old.tf",
            "+++ /dev/null",
            "- removed `terraform/old.tf`");

    // a changed render: the stale file goes, the other directory stays
    CliRun changed = CliRun.of(publish(url, "--set", "services.api.replicas=3"));
    assertThat(changed.exit()).as(changed.err()).isZero();
    String files = GitFixtures.git(remote, "ls-tree", "-r", "--name-only", "main");
    assertThat(files).doesNotContain("old.tf").contains("team/keep.txt");
    assertThat(
            GitFixtures.git(remote, "show", "main:picker-wheel/dev/digitalocean/terraform/main.tf"))
        .contains("instance_count     = 3");

    // diff exit codes: identical now, different against the first deployment
    String[] diffArgs = {
      "diff",
      "--scenario-dir",
      TestPaths.fixture("picker-wheel").toString(),
      "--provider",
      "do",
      "--repo",
      url,
      "--set",
      "services.api.replicas=3"
    };
    assertThat(CliRun.of(diffArgs).exit()).isZero();
    String[] against = java.util.Arrays.copyOf(diffArgs, diffArgs.length + 2);
    against[diffArgs.length] = "--against";
    against[diffArgs.length + 1] = tip;
    CliRun vsFirst = CliRun.of(against);
    assertThat(vsFirst.exit()).isEqualTo(1);
    assertThat(vsFirst.out())
        .contains(
            "-      instance_count     = 1",
            "+      instance_count     = 3",
            "changed `digitalocean_app.app`");

    // history: two deployments, newest first (the manual commit has no trailers)
    JsonNode history =
        JsonMapper.builder()
            .build()
            .readTree(
                CliRun.of(
                        "history", "--repo", url, "--scenario", "picker-wheel", "--output", "json")
                    .out());
    assertThat(history.path("deployments")).hasSize(2);
    assertThat(history.path("deployments").get(1).path("commit").asString()).isEqualTo(tip);

    // rollback: a new commit that restores the first deployment's directory
    CliRun rollback =
        CliRun.of("rollback", "--repo", url, "--scenario", "picker-wheel", "--env", "dev");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(GitFixtures.git(remote, "log", "-1", "--format=%B"))
        .contains("S2C-Rollback-To: " + tip);
    assertThat(GitFixtures.git(remote, "diff", tip, "main", "--", "picker-wheel/dev/digitalocean"))
        .isEmpty();
    assertThat(GitFixtures.git(remote, "rev-list", "--count", "main").strip()).isEqualTo("4");
    assertThat(CliRun.of(publish(url)).out()).startsWith("unchanged: ");
    GitFixtures.assertFsckClean(remote);

    // status.json beside the local render
    assertThat(
            Files.readString(
                tmp.resolve("dist/picker-wheel/cloud/digitalocean.status.json"),
                StandardCharsets.UTF_8))
        .contains("\"state\": \"unchanged\"");
  }

  @Test
  void reviewBranchWritesAPullRequestDescriptionWithDestructiveChanges() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();
    assertThat(CliRun.of(publish(url)).exit()).isZero();

    Path description = tmp.resolve("pr.md");
    CliRun review =
        CliRun.of(
            publish(
                url,
                "--branch",
                "review/no-db",
                "--set",
                "resources.postgres.mode=disabled",
                // the database and its data go: a publish says so explicitly (else S2C111)
                "--allow-destroy",
                "--pr-description",
                description.toString()));
    assertThat(review.exit()).as(review.err()).isZero();
    assertThat(Files.readString(description))
        .contains(
            "### ⚠ Destructive changes",
            "| **total** |",
            "digitalocean_database_cluster.postgres will be destroyed",
            "- removed `digitalocean_database_db.postgres`",
            "- changed `terraform/main.tf`");
    assertThat(GitFixtures.git(remote, "branch", "--list")).contains("review/no-db", "main");
    assertThat(GitFixtures.git(remote, "rev-list", "--count", "main").strip()).isEqualTo("1");
  }

  @Test
  void emitCiAddsThePipelineOnceAtTheRoot() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();
    assertThat(CliRun.of(publish(url, "--emit-ci", "github")).exit()).isZero();
    assertThat(GitFixtures.git(remote, "show", "main:.github/workflows/scenario-to-cloud.yml"))
        .contains("environment: production");
    assertThat(CliRun.of(publish(url, "--emit-ci", "github")).out()).startsWith("unchanged: ");
  }

  @Test
  void compileErrorsCommitNothing() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    CliRun run =
        CliRun.of(
            "publish",
            "--bundle",
            TestPaths.fixture("bad/no-image.json").toString(),
            "--provider",
            "do",
            "--repo",
            remote.toUri().toString(),
            "--out",
            tmp.resolve("dist").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("S2C050");
    assertThat(Files.list(remote.resolve("refs/heads")).count()).isZero();
  }

  @Test
  void unreachableRepositoryIsExit3() {
    CliRun run = CliRun.of(publish("file://" + tmp.resolve("missing.git")));
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("error: cannot clone");
  }
}
