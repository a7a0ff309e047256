package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.CiJob;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.terraform.TerraformCi;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

class CiPipelinesTest {
  /**
   * A cloud on Terraform, a host over a playbook tool, and a chart a controller syncs (no CI job).
   */
  private static final List<Target> TARGETS =
      List.of(
          new Stub("cloudy", Optional.of(TerraformCi.job(List.of("CLOUDY_TOKEN")))),
          new Stub(
              "hosty",
              Optional.of(
                  new CiJob(
                      "Play",
                      List.of("echo syntax \"$dir\" >>\"$LOG\""),
                      List.of(
                          "echo play \"$dir\" \"${HOSTY_KEY:-}\" \"${CLOUDY_TOKEN:-unset}\""
                              + " \"${APP_KEY:-none}\" \"${OTHER_KEY:-none}\" >>\"$LOG\""),
                      List.of("HOSTY_*"),
                      List.of(Map.of("name", "Install Play", "run", "true")),
                      "python:3.12-slim",
                      List.of("true"),
                      Optional.of("secrets.txt")))),
          new Stub("charty", Optional.empty()));

  @Test
  void githubPlansOnPullRequestsAndAppliesOnMergeBehindAnEnvironment() {
    JsonNode wf = YamlOutput.read(github());
    assertThat(wf.path("on").has("pull_request")).isTrue();
    assertThat(wf.path("jobs").path("plan").path("if").asString()).contains("pull_request");
    assertThat(wf.path("jobs").path("apply").path("environment").asString())
        .isEqualTo("production");
    List<String> applySteps =
        wf.path("jobs")
            .path("apply")
            .path("steps")
            .valueStream()
            .map(s -> s.path("name").asString(""))
            .toList();
    assertThat(applySteps)
        .contains(
            "Terraform apply of changed cloudy deployments",
            "Install Play",
            "Play apply of changed hosty deployments")
        .noneMatch(n -> n.contains("charty"));
    // each step exports only its own target's credentials
    String cloudyApply =
        wf.path("jobs")
            .path("apply")
            .path("steps")
            .valueStream()
            .filter(s -> s.path("name").asString("").contains("cloudy"))
            .findFirst()
            .orElseThrow()
            .path("run")
            .asString();
    assertThat(cloudyApply)
        .contains("startswith(\"TF_VAR_\")", ". == \"CLOUDY_TOKEN\"")
        .doesNotContain("HOSTY_");
  }

  @Test
  void gitlabHasOneJobPerTargetAndStageWithAProtectedEnvironment() {
    JsonNode ci =
        YamlOutput.read(
            new String(
                CiPipelines.files(CiPipelines.Kind.gitlab, TARGETS).get(".gitlab-ci.yml"),
                StandardCharsets.UTF_8));
    assertThat(ci.path("render-check").path("rules").get(0).path("if").asString())
        .contains("merge_request_event");
    assertThat(ci.path("cloudy-plan").path("image").path("name").asString())
        .isEqualTo("hashicorp/terraform:1.11");
    assertThat(ci.path("cloudy-apply").path("environment").path("name").asString())
        .isEqualTo("production");
    assertThat(ci.path("hosty-apply").path("script").get(0).asString()).contains("echo play");
    assertThat(ci.has("charty-apply")).isFalse();
    // GitLab puts CI variables in the environment: no SECRETS_JSON there
    assertThat(ci.toString()).doesNotContain("SECRETS_JSON");
  }

  @Test
  void scriptsAreValidBash() throws Exception {
    JsonNode wf = YamlOutput.read(github());
    for (JsonNode job : wf.path("jobs")) {
      for (JsonNode step : job.path("steps")) {
        if (step.has("run")) {
          assertThat(
                  bash(
                          List.of("bash", "-n", "-c", step.path("run").asString()),
                          Path.of("."),
                          Map.of())
                      .exit)
              .as(step.toString())
              .isZero();
        }
      }
    }
  }

  /** shellcheck, where installed (.ci/run installs it), finds nothing in any step. */
  @Test
  void scriptsPassShellcheck() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        s2c.write.Executables.onPath("shellcheck").isPresent(), "shellcheck is not installed");
    JsonNode wf = YamlOutput.read(github());
    int checked = 0;
    for (JsonNode job : wf.path("jobs")) {
      for (JsonNode step : job.path("steps")) {
        if (step.has("run")) {
          Path script = Files.createTempFile("s2c-ci-step", ".sh");
          try {
            Files.writeString(script, step.path("run").asString());
            Result r =
                bash(
                    List.of("shellcheck", "-s", "bash", script.toString()), Path.of("."), Map.of());
            assertThat(r.exit).as(step.path("name").asString() + "\n" + r.out).isZero();
            checked++;
          } finally {
            Files.deleteIfExists(script);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(3);
  }

  /**
   * The apply step runs, in a real git repository, only for the deployments the last commit
   * changed, only with the commands of the target that rendered each one and only with that
   * target's credentials.
   */
  @Test
  void applyRunsEachChangedDeploymentWithItsTargetsCommands(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q", "-b", "main");
    deployment(repo, "shop/prod/cloudy", "cloudy", "v1");
    deployment(repo, "shop/prod/hosty", "hosty", "v1");
    deployment(repo, "blog/dev/hosty", "hosty", "v1");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
    deployment(repo, "shop/prod/hosty", "hosty", "v2");
    deployment(repo, "blog/dev/hosty", "hosty", "v2");
    // each deployment names the app secrets it reads; a line that is no variable name is skipped
    Files.writeString(
        repo.resolve("shop/prod/hosty/secrets.txt"), "APP_KEY\nbad-name\nMISSING_KEY\n");
    Files.writeString(repo.resolve("blog/dev/hosty/secrets.txt"), "OTHER_KEY\n");
    Files.writeString(repo.resolve("README.md"), "not a deployment\n");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "two");
    Path log = repo.resolve(".git/ci.log"); // untracked, so not a change
    String run =
        YamlOutput.read(github())
            .path("jobs")
            .path("apply")
            .path("steps")
            .valueStream()
            .filter(s -> s.path("name").asString("").contains("hosty"))
            .findFirst()
            .orElseThrow()
            .path("run")
            .asString();
    Result r =
        bash(
            List.of("bash", "-c", run),
            repo,
            Map.of(
                "BASE",
                "HEAD~1",
                "LOG",
                log.toString(),
                "SECRETS_JSON",
                "{\"HOSTY_KEY\":\"k\",\"CLOUDY_TOKEN\":\"c\",\"APP_KEY\":\"app\",\"OTHER_KEY\":\"other\"}"));
    assertThat(r.exit).as(r.out).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "play blog/dev/hosty k unset none other", "play shop/prod/hosty k unset app none");
    assertThat(r.out).contains("::: Play apply in shop/prod/hosty");
  }

  private static void deployment(Path repo, String dir, String provider, String content)
      throws Exception {
    Path d = repo.resolve(dir);
    Files.createDirectories(d.resolve("sub"));
    Files.writeString(d.resolve("s2c-manifest.json"), "{\"provider\": \"" + provider + "\"}\n");
    Files.writeString(d.resolve("sub/file.txt"), content + "\n");
  }

  private static String github() {
    return new String(
        CiPipelines.files(CiPipelines.Kind.github, TARGETS)
            .get(".github/workflows/scenario-to-cloud.yml"),
        StandardCharsets.UTF_8);
  }

  private record Result(int exit, String out) {}

  private static Result bash(List<String> command, Path dir, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Result r = bash(command, repo, Map.of());
    assertThat(r.exit).as(r.out).isZero();
  }

  private record Stub(String id, Optional<CiJob> job) implements Target {
    @Override
    public List<String> aliases() {
      return List.of();
    }

    @Override
    public String description() {
      return id;
    }

    @Override
    public List<String> formats() {
      return List.of();
    }

    @Override
    public SortedMap<String, String> mappings() {
      return new TreeMap<>();
    }

    @Override
    public RenderResult render(Deployment deployment, RenderContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CiJob> ciJob() {
      return job;
    }

    @Override
    public List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks) {
      return List.of();
    }
  }
}
