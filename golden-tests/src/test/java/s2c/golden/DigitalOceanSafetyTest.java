package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.hcl.HclParser;
import s2c.hcl.ParsedHcl;
import s2c.testing.TestPaths;

/**
 * Databases are protected where they are declared: each managed cluster refuses destruction and
 * admits only the app, and the remote state is locked by a Terraform that supports the lock (issue
 * 8, item 8).
 */
class DigitalOceanSafetyTest {
  @TempDir Path tmp;

  @Test
  void clustersArePreventedFromDestructionAndFirewalledToTheAppStateIsLocked() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--values",
            TestPaths.fixture("picker-wheel/values.prod.yaml").toString(),
            "--provider",
            "do",
            "--out",
            tmp.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Path tf = tmp.resolve("picker-wheel/cloud/digitalocean/terraform");
    ParsedHcl.Body main = HclParser.parse(Files.readString(tf.resolve("main.tf")));
    List<ParsedHcl.Block> clusters = resources(main, "digitalocean_database_cluster");
    assertThat(clusters).isNotEmpty();
    for (ParsedHcl.Block cluster : clusters) {
      ParsedHcl.Block lifecycle =
          cluster.body().blocks().stream()
              .filter(b -> b.type().equals("lifecycle"))
              .findFirst()
              .orElseThrow();
      assertThat(attribute(lifecycle.body(), "prevent_destroy").literal()).contains("true");
      String name = cluster.labels().get(1);
      ParsedHcl.Block firewall =
          resources(main, "digitalocean_database_firewall").stream()
              .filter(
                  f ->
                      attribute(f.body(), "cluster_id")
                          .traversals()
                          .contains("digitalocean_database_cluster." + name + ".id"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no firewall for cluster " + name));
      ParsedHcl.Block rule = firewall.body().blocks().get(0);
      assertThat(attribute(rule.body(), "type").literal()).contains("app");
      assertThat(attribute(rule.body(), "value").traversals()).contains("digitalocean_app.app.id");
    }
    String versions = Files.readString(tf.resolve("versions.tf"));
    assertThat(versions).contains("required_version = \">= 1.10.0\"", "use_lockfile");
  }

  /**
   * The change summary of a pull request knows the DigitalOcean target's replacement rules, from
   * the target itself.
   */
  @Test
  void aChangeThatReplacesADatabaseIsFlaggedFromTheTargetsOwnRules() {
    byte[] before =
        "resource \"digitalocean_database_cluster\" \"pg\" {\n  region = \"nyc3\"\n}\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] after =
        "resource \"digitalocean_database_cluster\" \"pg\" {\n  region = \"ams3\"\n}\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    s2c.gitops.ChangeSummary s =
        s2c.gitops.ChangeSummary.between(
            java.util.Map.of("terraform/main.tf", before),
            java.util.Map.of("terraform/main.tf", after));
    assertThat(s.destructive())
        .containsExactly(
            "digitalocean_database_cluster.pg will be replaced (destroyed and re-created): 'region' changes");
  }

  @Test
  void publishKeepsTheDependencyLockFileTheCiCommitted() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        s2c.write.Executables.onPath("git").isPresent(), "git is not installed");
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    String bundle = TestPaths.fixture("baremetal-demo/bundle.json").toString();
    assertThat(
            CliRun.of(
                    "publish",
                    "--bundle",
                    bundle,
                    "--provider",
                    "do",
                    "--set",
                    "services.api.image=ghcr.io/x/a:1",
                    "--repo",
                    repo.toUri().toString())
                .exit())
        .isZero();
    // the infra CI's first terraform init writes the lock file, and the CI commits it
    Path clone = tmp.resolve("ci");
    git(tmp, "clone", "-q", repo.toString(), clone.toString());
    Files.writeString(
        clone.resolve("s2c-e2e-demo/dev/digitalocean/terraform/.terraform.lock.hcl"),
        "# provider checksums\n");
    git(clone, "add", ".");
    git(
        clone,
        "-c",
        "user.name=ci",
        "-c",
        "user.email=ci@example.com",
        "commit",
        "-q",
        "-m",
        "lock providers");
    git(clone, "push", "-q", "origin", "HEAD:main");
    assertThat(
            CliRun.of(
                    "publish",
                    "--bundle",
                    bundle,
                    "--provider",
                    "do",
                    "--set",
                    "services.api.image=ghcr.io/x/a:2",
                    "--repo",
                    repo.toUri().toString())
                .exit())
        .isZero();
    Process show =
        new ProcessBuilder(
                "git",
                "--git-dir",
                repo.toString(),
                "show",
                "main:s2c-e2e-demo/dev/digitalocean/terraform/.terraform.lock.hcl")
            .start();
    assertThat(new String(show.getInputStream().readAllBytes()))
        .isEqualTo("# provider checksums\n");
  }

  @Test
  void minioNeverKeepsItsDefaultCredentialsAndNeverLosesDataOutsideDev() throws Exception {
    Path bundle =
        Files.writeString(
            tmp.resolve("bundle.json"),
            """
        { "schema_version": "v0.1", "target": "cloud", "app": { "name": "store-demo", "version": "1.0.0" },
          "services": [ { "id": "api", "type": "api-binary", "image": "ghcr.io/x/api:1", "dependencies": ["minio"],
            "ports": { "requested": [ { "name": "http", "range": { "min": 8080, "max": 8080 } } ] },
            "health": { "type": "http", "path": "/health", "port_name": "http" } } ],
          "resources": [ { "name": "minio", "type": "minio" } ] }
        """);
    CliRun dev =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "do",
            "--out",
            tmp.resolve("dev").toString());
    assertThat(dev.exit()).as(dev.err()).isZero();
    String main =
        Files.readString(tmp.resolve("dev/store-demo/cloud/digitalocean/terraform/main.tf"));
    assertThat(main)
        .contains(
            "resource \"random_password\" \"minio_root_password\"",
            "key   = \"MINIO_ROOT_PASSWORD\"\n        value = random_password.minio_root_password.result",
            "type  = \"SECRET\"")
        .doesNotContain("minioadmin");
    CliRun prod =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "do",
            "--env",
            "staging",
            "--out",
            tmp.resolve("stg").toString());
    assertThat(prod.exit()).isEqualTo(1);
    assertThat(prod.err())
        .contains("error[S2C055]: 'minio' stores data", "environment 'staging'", "mode: external");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    assertThat(new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor())
        .as(String.join(" ", command))
        .isZero();
  }

  private static List<ParsedHcl.Block> resources(ParsedHcl.Body body, String type) {
    return body.blocks().stream()
        .filter(b -> b.type().equals("resource") && b.labels().get(0).equals(type))
        .toList();
  }

  private static ParsedHcl.Expr attribute(ParsedHcl.Body body, String name) {
    return body.attributes().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
