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
                      List.of(),
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
  void theDriftCheckIsScheduledAndOnlyItWritesIssues() {
    JsonNode wf = YamlOutput.read(github());
    assertThat(wf.path("on").path("schedule").get(0).path("cron").asString()).isNotBlank();
    assertThat(wf.path("on").has("workflow_dispatch")).isTrue();
    JsonNode drift = wf.path("jobs").path("drift");
    assertThat(drift.path("if").asString()).contains("schedule");
    assertThat(drift.path("permissions").path("issues").asString()).isEqualTo("write");
    assertThat(wf.path("permissions").path("issues").isMissingNode()).isTrue();
    assertThat(drift.toString())
        .contains("drift check of every cloudy deployment")
        .doesNotContain("every hosty deployment");
    JsonNode ci = YamlOutput.read(gitlab());
    assertThat(ci.path("cloudy-drift").path("rules").get(0).path("if").asString())
        .contains("schedule");
    // a scheduled pipeline on the default branch must not apply
    assertThat(ci.path("cloudy-apply").path("rules").get(0).path("if").asString())
        .contains("$CI_PIPELINE_SOURCE != \"schedule\"");
  }

  @Test
  void gitlabHasOneJobPerTargetAndStageWithAProtectedEnvironment() {
    JsonNode ci = YamlOutput.read(gitlab());
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
    String run = applyStep("hosty");
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

  /**
   * A tenant's own credentials: a directory whose manifest names a secret scope reads {@code
   * <SCOPE>__<NAME>} in place of {@code <NAME>} (only names the target reads); others keep the
   * shared one. GitHub takes them from the step's secrets, GitLab from its CI variables.
   */
  @Test
  void aTenantsDirectoryReadsItsOwnScopedSecrets(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q", "-b", "main");
    deployment(repo, "shop/acme/prod/hosty", "hosty", "v1");
    deployment(repo, "shop/globex/prod/hosty", "hosty", "v1");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
    deployment(repo, "shop/acme/prod/hosty", "hosty", "v2");
    Files.writeString(
        repo.resolve("shop/acme/prod/hosty/s2c-manifest.json"),
        "{\"provider\": \"hosty\", \"tenant\": \"acme\", \"secret_scope\": \"SHOP_ACME_PROD\"}\n");
    deployment(repo, "shop/globex/prod/hosty", "hosty", "v2");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "two");
    Path log = repo.resolve(".git/ci.log");
    Result github =
        bash(
            List.of("bash", "-c", applyStep("hosty")),
            repo,
            Map.of(
                "BASE",
                "HEAD~1",
                "LOG",
                log.toString(),
                "SECRETS_JSON",
                "{\"HOSTY_KEY\":\"shared\",\"SHOP_ACME_PROD__HOSTY_KEY\":\"acme-own\","
                    + "\"SHOP_ACME_PROD__CLOUDY_TOKEN\":\"not-hostys\"}"));
    assertThat(github.exit).as(github.out).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "play shop/acme/prod/hosty acme-own unset none none",
            "play shop/globex/prod/hosty shared unset none none");
    Files.delete(log);
    String gitlabScript =
        YamlOutput.read(gitlab()).path("hosty-apply").path("script").get(0).asString();
    Result gitlab =
        bash(
            List.of("bash", "-c", gitlabScript), // the job's line runs bash -c with the script
            repo,
            Map.of(
                "BASE", "HEAD~1",
                "LOG", log.toString(),
                "HOSTY_KEY", "shared",
                "SHOP_ACME_PROD__HOSTY_KEY", "acme-own"));
    assertThat(gitlab.exit).as(gitlab.out).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "play shop/acme/prod/hosty acme-own unset none none",
            "play shop/globex/prod/hosty shared unset none none");
  }

  /**
   * GitHub runs the changed deployments as a matrix: the deployments job batches them (only the
   * targets with CI jobs), each apply job runs its batch — a tenant fan-out of thousands applies in
   * parallel, each deployment with its own state and lock.
   */
  @Test
  void changedDeploymentsAreBatchedIntoAMatrixOfJobs(@TempDir Path repo) throws Exception {
    JsonNode wf = YamlOutput.read(github());
    JsonNode apply = wf.path("jobs").path("apply");
    assertThat(apply.path("needs").asString()).isEqualTo("deployments");
    assertThat(apply.path("strategy").path("fail-fast").asBoolean(true)).isFalse();
    assertThat(apply.path("strategy").path("matrix").path("batch").asString())
        .isEqualTo("${{ fromJSON(needs.deployments.outputs.batches) }}");
    assertThat(apply.path("env").path("S2C_BATCH").asString()).isEqualTo("${{ matrix.batch }}");
    assertThat(apply.path("if").asString()).contains("needs.deployments.outputs.batches != '[]'");
    git(repo, "init", "-q", "-b", "main");
    deployment(repo, "shop/acme/prod/cloudy", "cloudy", "v1");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
    for (int i = 0; i < 100; i++) {
      deployment(repo, String.format("shop/t%03d/prod/hosty", i), "hosty", "v1");
    }
    deployment(repo, "shop/acme/prod/cloudy", "cloudy", "v2");
    deployment(repo, "shop/acme/prod/charty", "charty", "v1"); // no CI job: not batched
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "two");
    String find =
        wf.path("jobs")
            .path("deployments")
            .path("steps")
            .valueStream()
            .filter(st -> st.path("id").asString("").equals("batches"))
            .findFirst()
            .orElseThrow()
            .path("run")
            .asString();
    Path output = repo.resolve(".git/github-output");
    Result r =
        bash(
            List.of("bash", "-c", find),
            repo,
            Map.of(
                "BASE",
                "HEAD~1",
                "GITHUB_OUTPUT",
                output.toString(),
                "RUNNER_TEMP",
                repo.resolve(".git").toString()));
    assertThat(r.exit).as(r.out).isZero();
    assertThat(r.out).contains("51 batch(es) of 101 changed deployment(s)");
    String line = Files.readString(output).strip();
    assertThat(line).startsWith("batches=");
    JsonNode batches = YamlOutput.read(line.substring("batches=".length()));
    assertThat(batches).hasSize(51); // at most 100 jobs: 2 deployments each
    List<String> all = new java.util.ArrayList<>();
    batches.forEach(b -> all.addAll(b.asString().lines().toList()));
    assertThat(all)
        .hasSize(101)
        .doesNotHaveDuplicates()
        .contains("shop/acme/prod/cloudy")
        .noneMatch(d -> d.contains("charty"));
    // one batch's job runs only its deployments
    String batch = batches.get(1).asString();
    Path log = repo.resolve(".git/ci.log");
    Result applied =
        bash(
            List.of("bash", "-c", applyStep("hosty")),
            repo,
            Map.of(
                "BASE", "HEAD~1", "LOG", log.toString(), "SECRETS_JSON", "{}", "S2C_BATCH", batch));
    assertThat(applied.exit).as(applied.out).isZero();
    assertThat(Files.readAllLines(log))
        .hasSize(2)
        .allMatch(l -> l.startsWith("play shop/t") && batch.contains(l.split(" ")[1]));
  }

  /**
   * After an apply, the job runs verify with the rollback the render plans; when verify (a stub
   * here) pushes the rollback commit, the same job applies the restored render — a push made with
   * the job's own token starts no new run — and fails.
   */
  @Test
  void anUnhealthyApplyIsRolledBackAndTheRestoredRenderApplied(@TempDir Path tmp) throws Exception {
    Path origin = tmp.resolve("origin.git");
    Path repo = tmp.resolve("work");
    git(tmp, "init", "-q", "--bare", "-b", "main", origin.toString());
    git(tmp, "clone", "-q", origin.toString(), repo.toString());
    String deploySh =
        "#!/bin/sh\necho \"apply $(cat \"$(dirname \"$0\")/sub/file.txt\")\" >>\"$LOG\"\n";
    deployment(repo, "shop/dev/cloudy", "cloudy", "v1");
    stub(repo.resolve("shop/dev/cloudy/deploy.sh"), deploySh);
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
    deployment(repo, "shop/dev/cloudy", "cloudy", "v2");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-am", "two");
    git(repo, "push", "-q", "origin", "main");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path log = tmp.resolve("ci.log");
    stub(bin.resolve("terraform"), "#!/bin/sh\ncase \"$*\" in *output*) echo '{}' ;; esac\n");
    // verify, unhealthy: commits the previous render with the health trailer, pushes, exits 3
    stub(
        bin.resolve("s2c"),
        String.join(
            "\n",
            "#!/bin/bash",
            "set -e",
            "echo \"$*\" >>\"$LOG\"",
            "c=$(mktemp -d)",
            "git clone -q \"$(git remote get-url origin)\" \"$c\"",
            "git -C \"$c\" checkout -q HEAD~1 -- shop/dev/cloudy",
            "git -C \"$c\" -c user.name=s2c -c user.email=s2c@e commit -q -m 'Roll back' -m"
                + " 'S2C-Rollback-Reason: health'",
            "git -C \"$c\" push -q origin main",
            "exit 3",
            ""));
    String run = applyStep("cloudy");
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
                "{}",
                "S2C_CLI",
                bin.resolve("s2c").toString(),
                "PATH",
                bin + ":" + System.getenv("PATH")));
    assertThat(r.exit).as(r.out).isEqualTo(3);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("apply v2");
    assertThat(lines.get(1))
        .startsWith("verify --dir shop/dev/cloudy --outputs ")
        .endsWith(
            " --rollback-as-planned --repo "
                + origin
                + " --branch main --path-template shop/dev/cloudy");
    assertThat(lines.get(2)).isEqualTo("apply v1");
    assertThat(r.out).contains("::: applying the rollback of shop/dev/cloudy");
  }

  /**
   * The scheduled drift check runs every deployment of a target with drift commands (Terraform's
   * plan -detailed-exitcode, stubbed here): exit 2 opens one issue per directory, or comments on
   * the open one, with the differing addresses only — never an attribute value; a failing check
   * fails the job after the others ran.
   */
  @Test
  void driftOpensOrUpdatesOneIssuePerDeploymentWithAddressesOnly(@TempDir Path repo)
      throws Exception {
    deployment(repo, "shop/prod/cloudy", "cloudy", "v1");
    deployment(repo, "blog/dev/cloudy", "cloudy", "v1");
    deployment(repo, "wiki/dev/hosty", "hosty", "v1");
    Path bin = Files.createDirectories(repo.resolve(".bin"));
    Path log = repo.resolve(".log");
    stub(
        bin.resolve("terraform"),
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"terraform $*\" >> \"$LOG\"",
            "[ \"$2\" = init ] && exit 0",
            "case \"$1\" in",
            "  *shop*) printf '%s\\n' 'Terraform will perform the following actions:'"
                + " '  # digitalocean_app.app will be updated in-place' '      ~ value = \"hunter2\"'"
                + " 'Plan: 0 to add, 1 to change, 0 to destroy.'; exit 2 ;;",
            "  *blog*) [ -n \"${BROKEN:-}\" ] && { echo 'Error: no credentials'; exit 1; };"
                + " echo 'No changes.'; exit 0 ;;",
            "esac",
            ""));
    stub(
        bin.resolve("gh"),
        String.join(
            "\n",
            "#!/bin/sh",
            "printf 'gh %s\\n' \"$*\" >> \"$LOG\"",
            "[ \"$1 $2\" = 'issue list' ] && cat \"$OPEN\"",
            "exit 0",
            ""));
    String run =
        YamlOutput.read(github())
            .path("jobs")
            .path("drift")
            .path("steps")
            .valueStream()
            .filter(s -> s.path("name").asString("").contains("cloudy"))
            .findFirst()
            .orElseThrow()
            .path("run")
            .asString();
    Path open = Files.writeString(repo.resolve(".open"), "");
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "PATH",
                bin + ":" + System.getenv("PATH"),
                "LOG",
                log.toString(),
                "OPEN",
                open.toString(),
                "SECRETS_JSON",
                "{\"CLOUDY_TOKEN\":\"c\"}"));
    Result first = bash(List.of("bash", "-c", run), repo, env);
    assertThat(first.exit).as(first.out).isZero();
    String calls = Files.readString(log);
    assertThat(calls)
        .contains("terraform -chdir=blog/dev/cloudy/terraform plan", "-detailed-exitcode")
        .contains("gh issue create --title Drift: shop/prod/cloudy --body")
        .contains("# digitalocean_app.app will be updated in-place", "Plan: 0 to add, 1 to change")
        .doesNotContain("hunter2", "wiki/dev/hosty", "Drift: blog");

    Files.writeString(open, "7\n");
    Files.delete(log);
    env.put("BROKEN", "1");
    Result second = bash(List.of("bash", "-c", run), repo, env);
    assertThat(second.exit).as("a failing check fails the job").isEqualTo(1);
    assertThat(second.out).contains("Error: no credentials");
    assertThat(Files.readString(log))
        .contains("gh issue comment 7 --body")
        .doesNotContain("create");
  }

  private static void stub(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void deployment(Path repo, String dir, String provider, String content)
      throws Exception {
    Path d = repo.resolve(dir);
    Files.createDirectories(d.resolve("sub"));
    Files.writeString(d.resolve("s2c-manifest.json"), "{\"provider\": \"" + provider + "\"}\n");
    Files.writeString(d.resolve("sub/file.txt"), content + "\n");
  }

  /** The script of the GitHub apply step of the target named. */
  private static String applyStep(String target) {
    return YamlOutput.read(github())
        .path("jobs")
        .path("apply")
        .path("steps")
        .valueStream()
        .filter(s -> s.path("name").asString("").contains(target))
        .findFirst()
        .orElseThrow()
        .path("run")
        .asString();
  }

  private static String gitlab() {
    return new String(
        CiPipelines.files(CiPipelines.Kind.gitlab, TARGETS).get(".gitlab-ci.yml"),
        StandardCharsets.UTF_8);
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
