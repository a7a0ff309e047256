package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2c.spi.RenderedTree;
import s2c.testing.TestPaths;
import s2c.testing.TreeAssert;
import s2c.write.TreeWriter;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code --tenants}: fixtures/tenants.yaml (3 tenants × staging and prod) rendered for Kubernetes
 * (with the ApplicationSet and Flux Kustomizations) and DigitalOcean, byte for byte; published in
 * one commit to a bare repository; a tenant's change touches only its directories; a tenant leaving
 * needs --allow-destroy; bad and colliding ids are located errors; no two tenants share a name,
 * state key, secret path, namespace, directory or domain.
 */
class TenantFanOutTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final Path EXPECTED =
      TestPaths.projectRoot().resolve("golden-tests/tenants/expected");

  @TempDir Path tmp;

  private CliRun compile(String provider, Path tenants, Path out) {
    return CliRun.of(
        "compile",
        "--scenario-dir",
        TestPaths.fixture("picker-wheel").toString(),
        "--provider",
        provider,
        "--tenants",
        tenants.toString(),
        "--checks",
        "fast",
        "--out",
        out.toString());
  }

  private CliRun publish(Path tenants, Path repo, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "publish",
                "--scenario-dir",
                TestPaths.fixture("picker-wheel").toString(),
                "--provider",
                "kubernetes",
                "--tenants",
                tenants.toString(),
                "--checks",
                "fast",
                "--repo",
                repo.toUri().toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private CliRun diff(Path tenants, Path repo) {
    return CliRun.of(
        "diff",
        "--scenario-dir",
        TestPaths.fixture("picker-wheel").toString(),
        "--provider",
        "kubernetes",
        "--tenants",
        tenants.toString(),
        "--checks",
        "fast",
        "--repo",
        repo.toUri().toString());
  }

  private static RenderedTree read(Path dir) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return RenderedTree.of(files);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kubernetes", "digitalocean"})
  void everyTenantAndEnvironmentRendersByteForByte(String provider) throws Exception {
    CliRun run = compile(provider, TestPaths.fixture("tenants.yaml"), tmp);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote 6 deployments");
    RenderedTree tree = read(tmp.resolve("picker-wheel"));
    Path expected = EXPECTED.resolve(provider);
    if (UPDATE) {
      TreeWriter.deleteRecursively(expected);
      TreeAssert.rewrite(tree, expected);
      return;
    }
    assertThat(TreeAssert.differences(tree, expected))
        .as("fan-out render for %s (run with -Dgolden.update=true to accept)", provider)
        .isEmpty();
    if (provider.equals("kubernetes")) {
      JsonNode set =
          YamlOutput.read(tree.text("_gitops/kubernetes/argocd/applicationset-prod.yaml"));
      assertThat(
              set.path("spec")
                  .path("generators")
                  .get(0)
                  .path("git")
                  .path("directories")
                  .get(0)
                  .path("path")
                  .asString())
          .isEqualTo("picker-wheel/*/prod/kubernetes");
    }
  }

  @Test
  void oneCommitHoldsEveryTenantAndAChangeTouchesOnlyItsDirectories() throws Exception {
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    CliRun first = publish(TestPaths.fixture("tenants.yaml"), repo, "--emit-ci", "github");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(GitFixtures.git(repo, "rev-list", "--count", "main").strip()).isEqualTo("1");
    String files = GitFixtures.git(repo, "ls-tree", "-r", "--name-only", "main");
    for (String tenant : List.of("acme", "globex", "initech")) {
      for (String env : List.of("staging", "prod")) {
        assertThat(files)
            .contains("picker-wheel/" + tenant + "/" + env + "/kubernetes/s2c-manifest.json");
      }
    }
    assertThat(files)
        .contains(
            ".github/workflows/scenario-to-cloud.yml",
            "picker-wheel/_gitops/kubernetes/argocd/applicationset-prod.yaml",
            "picker-wheel/_gitops/kubernetes/flux/initech-staging.yaml");
    assertThat(GitFixtures.git(repo, "log", "-1", "--format=%B", "main"))
        .contains("for 3 tenants (6 deployments)", "S2C-Tenants: 3");

    // the same file again: no commit
    CliRun again = publish(TestPaths.fixture("tenants.yaml"), repo);
    assertThat(again.out()).contains("unchanged: all 6 deployments already match");
    assertThat(GitFixtures.git(repo, "rev-list", "--count", "main").strip()).isEqualTo("1");

    // acme scales its API: only acme's directories change
    Path changed = tmp.resolve("tenants.yaml");
    Files.writeString(
        changed,
        Files.readString(TestPaths.fixture("tenants.yaml"))
            .replace("          replicas: 2", "          replicas: 3"));
    CliRun identical = diff(TestPaths.fixture("tenants.yaml"), repo);
    assertThat(identical.exit()).as(identical.err()).isZero();
    assertThat(identical.out()).contains("identical: all 6 deployments already match");
    CliRun preview = diff(changed, repo);
    assertThat(preview.exit()).isEqualTo(1);
    assertThat(preview.out())
        .contains("2 of 6 deployments would change, 0 would be removed")
        .contains("| acme | prod | picker-wheel/acme/prod/kubernetes | 0 | 4 | 0 |");
    assertThat(GitFixtures.git(repo, "rev-list", "--count", "main").strip()).isEqualTo("1");
    CliRun third = publish(changed, repo, "--output", "json");
    assertThat(third.exit()).as(third.err()).isZero();
    JsonNode report = YamlOutput.read(third.out());
    assertThat(report.path("changed").asInt()).isEqualTo(2);
    assertThat(report.path("untouched").asInt()).isEqualTo(5); // 4 tenants' dirs + _gitops
    String touched = GitFixtures.git(repo, "diff", "--name-only", "main~1", "main");
    assertThat(touched.lines().toList())
        .isNotEmpty()
        .allMatch(p -> p.startsWith("picker-wheel/acme/"));

    // one tenant's deployment rolled back (what the infra CI's verify does for its directory)
    String firstCommit = GitFixtures.git(repo, "rev-parse", "main~1").strip();
    CliRun rollback =
        CliRun.of(
            "rollback",
            "--scenario",
            "picker-wheel",
            "--env",
            "prod",
            "--path-template",
            "picker-wheel/acme/prod/kubernetes",
            "--repo",
            repo.toUri().toString());
    assertThat(rollback.exit()).as(rollback.err() + rollback.out()).isZero();
    assertThat(GitFixtures.git(repo, "diff", "--name-only", "main~1", "main").lines().toList())
        .isNotEmpty()
        .allMatch(p -> p.startsWith("picker-wheel/acme/prod/kubernetes/"));
    assertThat(GitFixtures.git(repo, "log", "-1", "--format=%B", "main"))
        .contains("S2C-Rollback-To: " + firstCommit);
    assertThat(GitFixtures.git(repo, "diff", firstCommit, "main", "--", "picker-wheel/acme/prod"))
        .isEmpty();
  }

  @Test
  void aReviewBranchGetsThePerTenantTableAsItsDescription() throws Exception {
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    assertThat(publish(TestPaths.fixture("tenants.yaml"), repo).exit()).isZero();
    Path changed = tmp.resolve("tenants.yaml");
    Files.writeString(
        changed,
        Files.readString(TestPaths.fixture("tenants.yaml"))
            .replace("          replicas: 2", "          replicas: 3"));
    Path description = tmp.resolve("pr.md");
    CliRun review =
        publish(
            changed, repo, "--branch", "review/acme", "--pr-description", description.toString());
    assertThat(review.exit()).as(review.err()).isZero();
    assertThat(GitFixtures.git(repo, "rev-list", "--count", "review/acme").strip()).isEqualTo("2");
    assertThat(GitFixtures.git(repo, "rev-list", "--count", "main").strip()).isEqualTo("1");
    assertThat(Files.readString(description))
        .startsWith("## Deploy picker-wheel 1.0.0 to kubernetes for 3 tenants (6 deployments)")
        .contains("| acme | prod | picker-wheel/acme/prod/kubernetes | 0 | 4 | 0 | $39.00 |")
        .contains("| globex | prod | picker-wheel/globex/prod/kubernetes | 0 | 0 | 0 | $39.00 |");
  }

  @Test
  void aTenantLeavingTheFileIsRemovedOnlyWithAllowDestroy() throws Exception {
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    assertThat(publish(TestPaths.fixture("tenants.yaml"), repo).exit()).isZero();
    String tip = GitFixtures.git(repo, "rev-parse", "main").strip();
    Path fewer = tmp.resolve("tenants.yaml");
    String text = Files.readString(TestPaths.fixture("tenants.yaml"));
    Files.writeString(fewer, text.substring(0, text.indexOf("  - id: initech")));

    CliRun refused = publish(fewer, repo);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "error[S2C111]: picker-wheel/initech/prod/kubernetes is no longer rendered",
            "picker-wheel/initech/staging/kubernetes is no longer rendered",
            "nothing was committed");
    assertThat(GitFixtures.git(repo, "rev-parse", "main").strip()).isEqualTo(tip);

    CliRun allowed = publish(fewer, repo, "--allow-destroy");
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("(removed)", "picker-wheel/initech/prod/kubernetes");
    String files = GitFixtures.git(repo, "ls-tree", "-r", "--name-only", "main");
    assertThat(files).doesNotContain("picker-wheel/initech/").doesNotContain("flux/initech-");
    assertThat(files).contains("picker-wheel/acme/prod/kubernetes/s2c-manifest.json");

    // the GitOps repository URL dropped: the ApplicationSet and Kustomizations it fed go too
    Files.writeString(
        fewer,
        Files.readString(fewer)
            .replace("      gitops_repo_url: https://github.com/example/infra.git\n", ""));
    CliRun noGitops = publish(fewer, repo);
    assertThat(noGitops.exit()).as(noGitops.err()).isZero();
    assertThat(GitFixtures.git(repo, "ls-tree", "-r", "--name-only", "main"))
        .doesNotContain("_gitops/")
        .contains("picker-wheel/acme/prod/kubernetes/s2c-manifest.json");
  }

  @Test
  void badAndCollidingTenantIdsAreLocatedErrors() throws Exception {
    Path file = tmp.resolve("tenants.yaml");
    String longId = "a".repeat(200);
    Files.writeString(
        file,
        String.join(
            "\n",
            "environments: [prod]",
            "tenants:",
            "  - id: ../etc", // line 3
            "  - id: Acme", // line 4
            "  - id: " + longId, // line 5
            "  - id: ok",
            "  - id: ok", // line 7: twice
            "  - id: a-b", // line 8
            "    environments: [c]",
            "  - id: a", // line 10: a in b-c is a-b in c
            "    environments: [b-c]",
            "  - id: shop1", // line 12
            "    domain: shop.example.com",
            "  - id: shop2", // line 14: same domain
            "    domain: shop.example.com",
            ""));
    CliRun bad = compile("kubernetes", file, tmp.resolve("out"));
    assertThat(bad.exit()).isEqualTo(1);
    String err = TestPaths.relativize(bad.err());
    assertThat(err)
        .contains(file + ":3:")
        .contains("'../etc'")
        .contains(file + ":4:")
        .contains("'Acme'")
        .contains(file + ":5:")
        .contains("tenant id");
    assertThat(Files.exists(tmp.resolve("out"))).isFalse();

    // the grammar is fine: duplicates and collisions are named with both tenants
    Files.writeString(
        file,
        Files.readString(file)
            .replace("  - id: ../etc\n", "")
            .replace("  - id: Acme\n", "")
            .replace("  - id: " + longId + "\n", ""));
    CliRun colliding = compile("kubernetes", file, tmp.resolve("out"));
    assertThat(colliding.exit()).isEqualTo(1);
    assertThat(colliding.err())
        .contains(file + ":4:", "error[S2C020]: tenant 'ok' is listed twice (first at line 3)")
        .contains(
            file + ":7:",
            "error[S2C112]: tenants 'a-b' (line 5) and 'a' would share the resource name"
                + " <scenario>-a-b-c")
        .contains(
            file + ":11:",
            "error[S2C112]: tenants 'shop1' (line 9) and 'shop2' would share the domain"
                + " shop.example.com");
  }

  @Test
  void noTwoTenantsShareANameStateKeySecretPathNamespaceDirectoryOrDomain() throws Exception {
    Path k8s = tmp.resolve("k8s");
    Path doOut = tmp.resolve("do");
    assertThat(compile("kubernetes", TestPaths.fixture("tenants.yaml"), k8s).exit()).isZero();
    assertThat(compile("digitalocean", TestPaths.fixture("tenants.yaml"), doOut).exit()).isZero();
    Map<String, Map<String, String>> seen = new HashMap<>();
    for (String tenant : List.of("acme", "globex", "initech")) {
      for (String env : List.of("staging", "prod")) {
        String who = tenant + "/" + env;
        Path kube = k8s.resolve("picker-wheel/" + tenant + "/" + env + "/kubernetes");
        Path dio = doOut.resolve("picker-wheel/" + tenant + "/" + env + "/digitalocean");
        JsonNode app = YamlOutput.read(Files.readString(kube.resolve("argocd/application.yaml")));
        JsonNode chart =
            YamlOutput.read(Files.readString(kube.resolve("chart/picker-wheel/values.yaml")));
        String mainTf = Files.readString(dio.resolve("terraform/main.tf"));
        String versionsTf = Files.readString(dio.resolve("terraform/versions.tf"));
        unique(seen, "directory", kube.toString(), who);
        unique(
            seen,
            "namespace",
            app.path("spec").path("destination").path("namespace").asString(),
            who);
        unique(seen, "Argo CD Application", app.path("metadata").path("name").asString(), who);
        unique(seen, "secret path", chart.path("secretStore").path("keyPrefix").asString(), who);
        unique(seen, "ingress host", chart.path("ingress").path("host").asString(), who);
        unique(
            seen,
            "App Platform app",
            first(mainTf, "resource \"digitalocean_app\"[^}]*?name\\s*=\\s*\"([^\"]+)\""),
            who);
        unique(
            seen,
            "database cluster",
            first(
                mainTf,
                "resource \"digitalocean_database_cluster\"[^}]*?name\\s*=\\s*\"([^\"]+)\""),
            who);
        unique(seen, "state key", first(versionsTf, "key\\s*=\\s*\"([^\"]+)\""), who);
        unique(
            seen,
            "CI secret scope",
            YamlOutput.read(Files.readString(dio.resolve("s2c-manifest.json")))
                .path("secret_scope")
                .asString(),
            who);
      }
    }
    assertThat(seen.get("state key"))
        .containsEntry("tenants/picker-wheel/globex/prod/terraform.tfstate", "globex/prod");
    assertThat(seen.get("secret path"))
        .containsEntry("picker-wheel/globex-corp/prod", "globex/prod");
    assertThat(seen.get("ingress host"))
        .containsEntry("wheel.acme.example.com", "acme/prod")
        .containsEntry("staging.wheel.acme.example.com", "acme/staging");
  }

  private static void unique(
      Map<String, Map<String, String>> seen, String kind, String value, String who) {
    assertThat(value).as("%s of %s", kind, who).isNotBlank();
    String other = seen.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(value, who);
    assertThat(other).as("%s %s of %s is also %s's", kind, value, who, other).isNull();
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
    return m.group(1);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
