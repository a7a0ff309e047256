package s2c.gitops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.spi.CiJob;
import s2c.spi.Target;
import s2c.write.ManifestFile;
import s2c.write.Ordered;
import s2c.write.ShellWords;
import s2c.write.YamlOutput;

/**
 * The "existing CI" for infra repos that have none: every changed render is checked against its
 * manifest on pull/merge requests; then each target that declares a {@link CiJob} previews its
 * changed deployments there and applies them on merge behind a protected environment. Targets
 * without one (charts a GitOps controller syncs from the repository) get only the check.
 */
public final class CiPipelines {
  public enum Kind {
    github,
    gitlab
  }

  /** Deployments are found by their manifest, so any --path template works. */
  static final String CHANGED_DIRS =
      String.join(
          "\n",
          "# the deployment directories (holding a "
              + ManifestFile.NAME
              + ") touched by this change",
          "changed_dirs() {",
          "  git diff --name-only \"$BASE\" HEAD | while IFS= read -r f; do",
          "    d=$(dirname \"$f\")",
          "    while [ \"$d\" != . ] && [ ! -f \"$d/"
              + ManifestFile.NAME
              + "\" ]; do d=$(dirname \"$d\"); done",
          "    if [ \"$d\" != . ]; then echo \"$d\"; fi",
          "  done | sort -u",
          "}",
          "# the changed deployments one target rendered",
          "changed_dirs_of() {",
          "  changed_dirs | while IFS= read -r d; do",
          "    if [ \"$(jq -r .provider \"$d/"
              + ManifestFile.NAME
              + "\")\" = \"$1\" ]; then echo \"$d\"; fi",
          "  done",
          "}");

  /** Every deployment directory of one target in the repository, for the drift check. */
  static final String ALL_DIRS =
      String.join(
          "\n",
          "# every deployment one target rendered (a directory holding a "
              + ManifestFile.NAME
              + ")",
          "all_dirs_of() {",
          "  find . -name "
              + ManifestFile.NAME
              + " -not -path './.git/*' | sort | while IFS= read -r m; do",
          "    if [ \"$(jq -r .provider \"$m\")\" = \"$1\" ]; then dirname \"${m#./}\"; fi",
          "  done",
          "}");

  /**
   * Reports drift as one open issue per deployment directory, titled {@code Drift: <dir>}: a
   * comment on it when it is already open, else a new issue. The body holds only the addresses that
   * differ and the plan's count line, never an attribute value.
   */
  static final String REPORT_DRIFT_GITHUB =
      String.join(
          "\n",
          "report_drift() {",
          "  local title=\"Drift: $1\" body n",
          "  body=$(printf 'The scheduled drift check found %s differing from this repository.\\n\\n~~~\\n%s\\n~~~\\n\\nApply the render again (re-run the apply job) or change the inputs and publish.' \"$1\" \"$2\")",
          "  n=$(gh issue list --state open --search \"\\\"$title\\\" in:title\" --json number,title --jq \".[] | select(.title == \\\"$title\\\") | .number\" | head -n 1)",
          "  if [ -n \"$n\" ]; then gh issue comment \"$n\" --body \"$body\"; else gh issue create --title \"$title\" --body \"$body\"; fi",
          "}");

  static final String REPORT_DRIFT_GITLAB =
      String.join(
          "\n",
          "report_drift() {",
          "  local title=\"Drift: $1\" body n api=\"$CI_API_V4_URL/projects/$CI_PROJECT_ID\"",
          "  : \"${S2C_GITLAB_TOKEN:?set S2C_GITLAB_TOKEN (a project access token with api scope) to open drift issues}\"",
          "  body=$(printf 'The scheduled drift check found %s differing from this repository.\\n\\n~~~\\n%s\\n~~~\\n\\nApply the render again or change the inputs and publish.' \"$1\" \"$2\")",
          "  n=$(curl -fsS -H \"PRIVATE-TOKEN: $S2C_GITLAB_TOKEN\" -G \"$api/issues\" --data-urlencode state=opened --data-urlencode in=title --data-urlencode \"search=$title\" | jq -r --arg t \"$title\" '[.[] | select(.title == $t)][0].iid // empty')",
          "  if [ -n \"$n\" ]; then",
          "    curl -fsS -H \"PRIVATE-TOKEN: $S2C_GITLAB_TOKEN\" -X POST \"$api/issues/$n/notes\" --data-urlencode \"body=$body\" >/dev/null",
          "  else",
          "    curl -fsS -H \"PRIVATE-TOKEN: $S2C_GITLAB_TOKEN\" -X POST \"$api/issues\" --data-urlencode \"title=$title\" --data-urlencode \"description=$body\" >/dev/null",
          "  fi",
          "}");

  static final String CHECK =
      String.join(
          "\n",
          "set -euo pipefail",
          CHANGED_DIRS,
          "s2c=\"${S2C_CLI:-scenario-to-cloud}\"",
          "command -v \"$s2c\" >/dev/null || { echo \"install scenario-to-cloud (or set S2C_CLI) to check each render against its manifest\" >&2; exit 1; }",
          "while IFS= read -r dir; do",
          "  # a hand edit or a file outside the render fails the check: change the inputs instead",
          "  \"$s2c\" validate --strict \"$dir\"",
          "done < <(changed_dirs)",
          "");

  /** At most this many matrix jobs per plan or apply (GitHub allows 256 per workflow run). */
  static final int MAX_BATCHES = 100;

  /**
   * The changed deployments of the targets that have CI jobs, in at most {@link #MAX_BATCHES}
   * batches of directories (one per line): the plan and apply jobs run one matrix job per batch,
   * each deployment with its own state and lock, so a fan-out of thousands applies in parallel.
   */
  static String batches(java.util.Collection<String> targetIds) {
    return String.join(
        "\n",
        "set -euo pipefail",
        CHANGED_DIRS,
        "targets=" + ShellWords.quote(String.join(" ", targetIds)),
        "changed_dirs | while IFS= read -r d; do",
        "  p=$(jq -r .provider \"$d/" + ManifestFile.NAME + "\")",
        "  case \" $targets \" in *\" $p \"*) echo \"$d\" ;; esac",
        "done > \"${RUNNER_TEMP:-/tmp}/s2c-dirs\"",
        "batches=$(jq -Rsc --argjson most "
            + MAX_BATCHES
            + " '"
            + "split(\"\\n\") | map(select(length > 0)) | length as $n"
            + " | if $n == 0 then [] else ((($n + $most - 1) / $most) | floor) as $size"
            + " | [range(0; $n; $size) as $i | .[$i:$i + $size] | join(\"\\n\")] end'"
            + " \"${RUNNER_TEMP:-/tmp}/s2c-dirs\")",
        "echo \"$(jq length <<<\"$batches\") batch(es) of $(wc -l < \"${RUNNER_TEMP:-/tmp}/s2c-dirs\") changed deployment(s)\"",
        "echo \"batches=$batches\" >> \"$GITHUB_OUTPUT\"",
        "");
  }

  private CiPipelines() {}

  public static Map<String, byte[]> files(Kind kind, List<Target> targets) {
    Map<String, CiJob> jobs = new LinkedHashMap<>();
    targets.forEach(t -> t.ciJob().ifPresent(job -> jobs.put(t.id(), job)));
    return switch (kind) {
      case github ->
          Map.of(
              ".github/workflows/scenario-to-cloud.yml",
              YamlOutput.write(github(jobs)).getBytes(StandardCharsets.UTF_8));
      case gitlab ->
          Map.of(".gitlab-ci.yml", YamlOutput.write(gitlab(jobs)).getBytes(StandardCharsets.UTF_8));
    };
  }

  /**
   * The bash a job runs for each changed deployment of {@code targetId}. On GitHub it first exports
   * the job's credentials from the step's {@code SECRETS_JSON}; GitLab puts CI variables in the
   * environment itself.
   */
  static String loop(
      String targetId,
      CiJob job,
      String what,
      List<String> commands,
      boolean exportFromSecretsJson) {
    List<String> lines = new ArrayList<>();
    lines.add("set -euo pipefail");
    if (exportFromSecretsJson) {
      lines.add(exportSecrets(job.credentials()));
    }
    lines.add(CHANGED_DIRS);
    lines.add("while IFS= read -r dir; do");
    // a matrix job (GitHub) runs its batch of the changed deployments; unset: all of them
    lines.add(
        "  if [ -n \"${S2C_BATCH:-}\" ] && ! grep -qxF -- \"$dir\" <<<\"$S2C_BATCH\"; then continue; fi");
    // a subshell per deployment: one deployment's secrets never reach another's commands
    lines.add("  (");
    if (exportFromSecretsJson) {
      job.secretNamesFile().ifPresent(file -> lines.add(exportListed(file)));
    }
    lines.add(tenantSecrets(job.credentials(), exportFromSecretsJson));
    lines.add("  echo \"::: " + job.tool() + " " + what + " in $dir\"");
    commands.forEach(c -> lines.add("  " + c));
    lines.add("  )");
    lines.add("done < <(changed_dirs_of " + ShellWords.quote(targetId) + ")");
    return String.join("\n", lines) + "\n";
  }

  /**
   * The scheduled drift check of {@code targetId}: its drift commands for every deployment; exit 2
   * opens or updates the deployment's drift issue with the differing addresses. A check that fails
   * otherwise fails the job after the others ran.
   */
  static String driftLoop(
      String targetId, CiJob job, boolean exportFromSecretsJson, String reportDrift) {
    List<String> lines = new ArrayList<>();
    lines.add("set -euo pipefail");
    if (exportFromSecretsJson) {
      lines.add(exportSecrets(job.credentials()));
    }
    lines.add(ALL_DIRS);
    lines.add(reportDrift);
    lines.add("failed=0");
    lines.add("while IFS= read -r dir; do");
    lines.add("  echo \"::: " + job.tool() + " drift check of $dir\"");
    lines.add("  set +e");
    // a subshell per deployment: one deployment's secrets never reach another's commands
    List<String> sub = new ArrayList<>();
    if (exportFromSecretsJson) {
      job.secretNamesFile().ifPresent(file -> sub.add(exportListed(file)));
    }
    sub.add("  " + String.join(" && ", job.drift()));
    lines.add("  out=$({");
    lines.addAll(sub);
    lines.add("  } 2>&1)");
    lines.add("  code=$?");
    lines.add("  set -e");
    lines.add("  case $code in");
    lines.add("    0) echo \"no drift\" ;;");
    lines.add(
        "    2) report_drift \"$dir\" \"$(grep -E '^  # .* (will|must) be |^Plan: ' <<<\"$out\" || true)\""
            + " ;;");
    lines.add("    *) printf '%s\\n' \"$out\" >&2; failed=1 ;;");
    lines.add("  esac");
    lines.add("done < <(all_dirs_of " + ShellWords.quote(targetId) + ")");
    lines.add("exit \"$failed\"");
    return String.join("\n", lines) + "\n";
  }

  /**
   * Exports the CI secrets a deployment lists in {@code file} (names its render knows, such as the
   * app's own API keys); a line that is not an environment variable name is skipped.
   */
  static String exportListed(String file) {
    String path = "\"$dir/\"" + ShellWords.quote(file);
    return String.join(
        "\n",
        "  if [ -f " + path + " ]; then",
        "    while IFS= read -r name; do",
        "      case \"$name\" in '' | [0-9]* | *[!A-Za-z0-9_]*) continue ;; esac",
        "      if jq -e --arg n \"$name\" 'has($n)' <<<\"$SECRETS_JSON\" >/dev/null; then",
        "        export \"$name=$(jq -r --arg n \"$name\" '.[$n]' <<<\"$SECRETS_JSON\")\"",
        "      fi",
        "    done < " + path,
        "  fi");
  }

  /**
   * A tenant's own credentials: in a directory whose manifest names a {@code secret_scope}, the CI
   * secret {@code <SCOPE>__<NAME>} replaces {@code <NAME>} for that directory only (names the
   * target's commands read: its credential patterns). GitHub reads them from the step's secrets,
   * GitLab from its CI variables.
   */
  static String tenantSecrets(List<String> credentials, boolean fromSecretsJson) {
    String allowed = credentialTest(credentials);
    String names =
        fromSecretsJson
            ? "jq -r --arg p \"${scope}__\" 'keys[] | select(startswith($p)) | ltrimstr($p)'"
                + " <<<\"$SECRETS_JSON\""
            : "compgen -v | sed -n \"s/^${scope}__//p\"";
    String value =
        fromSecretsJson
            ? "$(jq -r --arg n \"${scope}__$name\" '.[$n]' <<<\"$SECRETS_JSON\")"
            : "${!v}";
    List<String> lines = new ArrayList<>();
    lines.add("  scope=$(jq -r '.secret_scope // empty' \"$dir/" + ManifestFile.NAME + "\")");
    lines.add("  if [ -n \"$scope\" ]; then");
    lines.add("    while IFS= read -r name; do");
    lines.add("      case \"$name\" in '' | [0-9]* | *[!A-Za-z0-9_]*) continue ;; esac");
    lines.add("      jq -en --arg n \"$name\" '$n | " + allowed + "' >/dev/null || continue");
    if (!fromSecretsJson) {
      lines.add("      v=\"${scope}__$name\"");
    }
    lines.add("      export \"$name=" + value + "\"");
    lines.add("    done < <(" + names + ")");
    lines.add("  fi");
    return String.join("\n", lines);
  }

  /** A jq test of a name against the target's credential names and patterns ({@code TF_VAR_*}). */
  private static String credentialTest(List<String> credentials) {
    List<String> tests = new ArrayList<>();
    for (String c : credentials) {
      tests.add(
          c.endsWith("*")
              ? "startswith(\"" + c.substring(0, c.length() - 1) + "\")"
              : ". == \"" + c + "\"");
    }
    return tests.isEmpty() ? "false" : String.join(" or ", tests);
  }

  /** Exports only the repository secrets the target's commands read into this step. */
  static String exportSecrets(List<String> credentials) {
    String filter =
        credentials.isEmpty() ? "empty" : "keys[] | select(" + credentialTest(credentials) + ")";
    return String.join(
        "\n",
        "while IFS= read -r name; do",
        "  export \"$name=$(jq -r --arg n \"$name\" '.[$n]' <<<\"$SECRETS_JSON\")\"",
        "done < <(jq -r " + ShellWords.quote(filter) + " <<<\"$SECRETS_JSON\")");
  }

  static Map<String, Object> github(Map<String, CiJob> jobs) {
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("name", "scenario-to-cloud infra");
    Map<String, Object> on = new LinkedHashMap<>();
    on.put("pull_request", Map.of());
    on.put("push", Map.of("branches", List.of("main")));
    // the drift check: daily, and on demand
    on.put("schedule", List.of(Map.of("cron", "17 6 * * *")));
    on.put("workflow_dispatch", Map.of());
    wf.put("on", on);
    wf.put("permissions", Map.of("contents", "read"));
    wf.put(
        "concurrency",
        Ordered.map("group", "s2c-infra-${{ github.ref }}", "cancel-in-progress", false));
    List<Object> plan = new ArrayList<>();
    List<Object> apply = new ArrayList<>();
    jobs.forEach(
        (id, job) -> {
          if (!job.plan().isEmpty()) {
            job.githubSetup().stream().filter(step -> !plan.contains(step)).forEach(plan::add);
            plan.add(
                secretStep(
                    job.tool() + " plan of changed " + id + " deployments",
                    loop(id, job, "plan", job.plan(), true)));
          }
          // two Terraform targets install Terraform once
          job.githubSetup().stream().filter(step -> !apply.contains(step)).forEach(apply::add);
          Map<String, Object> step =
              new LinkedHashMap<>(
                  secretStep(
                      job.tool() + " apply of changed " + id + " deployments",
                      loop(id, job, "apply", job.apply(), true)));
          // verify's rollback commit is pushed with the job's token (contents: write on apply)
          step.put(
              "env",
              Ordered.map(
                  "SECRETS_JSON",
                  "${{ toJSON(secrets) }}",
                  "S2C_GIT_TOKEN",
                  "${{ github.token }}",
                  "S2C_INFRA_REPO",
                  "${{ github.server_url }}/${{ github.repository }}.git",
                  "S2C_INFRA_BRANCH",
                  "${{ github.ref_name }}"));
          apply.add(step);
        });
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> find = new ArrayList<>();
    find.add(
        Ordered.map(
            "name",
            "Check each changed render against its manifest",
            "if",
            "github.event_name == 'pull_request'",
            "shell",
            "bash",
            "run",
            CHECK));
    if (!jobs.isEmpty()) {
      find.add(
          Ordered.map(
              "name",
              "Batch the changed deployments",
              "id",
              "batches",
              "shell",
              "bash",
              "run",
              batches(jobs.keySet())));
    }
    Map<String, Object> deployments =
        githubJob(
            "github.event_name == 'pull_request' || github.event_name == 'push'",
            null,
            "${{ github.event_name == 'pull_request' && format('origin/{0}', github.base_ref)"
                + " || 'HEAD~1' }}",
            find);
    if (!jobs.isEmpty()) {
      deployments.put("outputs", Map.of("batches", "${{ steps.batches.outputs.batches }}"));
    }
    out.put("deployments", deployments);
    if (!plan.isEmpty()) {
      out.put(
          "plan",
          matrix(
              githubJob(
                  "github.event_name == 'pull_request' && needs.deployments.outputs.batches != '[]'",
                  null,
                  "origin/${{ github.base_ref }}",
                  plan)));
    }
    if (!jobs.isEmpty()) {
      Map<String, Object> applyJob =
          matrix(
              githubJob(
                  "github.event_name == 'push' && needs.deployments.outputs.batches != '[]'",
                  "production",
                  "HEAD~1",
                  apply));
      // the only write: verify's rollback commit of an unhealthy deployment
      applyJob.put("permissions", Map.of("contents", "write"));
      out.put("apply", applyJob);
    }
    List<Object> drift = new ArrayList<>();
    jobs.forEach(
        (id, job) -> {
          if (!job.drift().isEmpty()) {
            job.githubSetup().stream().filter(step -> !drift.contains(step)).forEach(drift::add);
            Map<String, Object> step =
                new LinkedHashMap<>(
                    secretStep(
                        job.tool() + " drift check of every " + id + " deployment",
                        driftLoop(id, job, true, REPORT_DRIFT_GITHUB)));
            step.put(
                "env",
                Ordered.map(
                    "SECRETS_JSON", "${{ toJSON(secrets) }}", "GH_TOKEN", "${{ github.token }}"));
            drift.add(step);
          }
        });
    if (!drift.isEmpty()) {
      Map<String, Object> job =
          githubJob(
              "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
              null,
              "HEAD",
              drift);
      // the only job that writes: its drift issues
      job.put("permissions", Ordered.map("contents", "read", "issues", "write"));
      out.put("drift", job);
    }
    wf.put("jobs", out);
    return wf;
  }

  /**
   * One job per batch of changed deployments (the deployments job's output), none stopping the
   * others; each job's steps see its batch in {@code S2C_BATCH}.
   */
  private static Map<String, Object> matrix(Map<String, Object> job) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("needs", "deployments");
    out.putAll(job);
    out.put(
        "strategy",
        Ordered.map(
            "fail-fast",
            false,
            "max-parallel",
            20,
            "matrix",
            Map.of("batch", "${{ fromJSON(needs.deployments.outputs.batches) }}")));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("BASE", ((Map<?, ?>) job.get("env")).get("BASE"));
    env.put("S2C_BATCH", "${{ matrix.batch }}");
    out.put("env", env);
    return out;
  }

  private static Map<String, Object> githubJob(
      String condition, String environment, String base, List<Object> work) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("if", condition);
    job.put("runs-on", "ubuntu-latest");
    if (environment != null) {
      // a protected environment: required reviewers approve every apply
      job.put("environment", environment);
    }
    job.put("env", Map.of("BASE", base));
    List<Object> steps = new ArrayList<>();
    steps.add(Ordered.map("uses", "actions/checkout@v4", "with", Map.of("fetch-depth", 0)));
    steps.addAll(work);
    job.put("steps", steps);
    return job;
  }

  private static Map<String, Object> secretStep(String name, String script) {
    return Ordered.map(
        "name",
        name,
        "env",
        Map.of("SECRETS_JSON", "${{ toJSON(secrets) }}"),
        "shell",
        "bash",
        "run",
        script);
  }

  static Map<String, Object> gitlab(Map<String, CiJob> jobs) {
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("stages", List.of("plan", "apply", "drift"));
    Map<String, Object> onMergeRequest =
        Map.of("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"");
    Map<String, Object> mergeRequestVars =
        Map.of("BASE", "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GIT_DEPTH", "0");
    String fetchBase = "git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"";
    ci.put(
        "render-check",
        Ordered.map(
            "stage",
            "plan",
            "image",
            "eclipse-temurin:17-jre",
            "rules",
            List.of(onMergeRequest),
            "variables",
            mergeRequestVars,
            "before_script",
            List.of("apt-get update -qq && apt-get install -y -qq git jq", fetchBase),
            "script",
            List.of("bash -c " + ShellWords.quote(CHECK))));
    jobs.forEach(
        (id, job) -> {
          Map<String, Object> image =
              Ordered.map("name", job.gitlabImage(), "entrypoint", List.of(""));
          if (!job.plan().isEmpty()) {
            List<String> before = new ArrayList<>(job.gitlabSetup());
            before.add(fetchBase);
            ci.put(
                id + "-plan",
                Ordered.map(
                    "stage",
                    "plan",
                    "image",
                    image,
                    "rules",
                    List.of(onMergeRequest),
                    "variables",
                    mergeRequestVars,
                    "before_script",
                    before,
                    "script",
                    List.of(
                        "bash -c " + ShellWords.quote(loop(id, job, "plan", job.plan(), false)))));
          }
          ci.put(
              id + "-apply",
              Ordered.map(
                  "stage",
                  "apply",
                  "image",
                  image,
                  "rules",
                  // a scheduled pipeline runs on the default branch too: it only checks drift
                  List.of(
                      Map.of(
                          "if",
                          "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
                              + " && $CI_PIPELINE_SOURCE != \"schedule\"")),
                  "environment",
                  Map.of("name", "production"),
                  "resource_group",
                  "production",
                  "variables",
                  // verify's rollback commit is pushed with S2C_GITLAB_TOKEN (write_repository)
                  Ordered.map(
                      "BASE",
                      "HEAD~1",
                      "GIT_DEPTH",
                      "0",
                      "S2C_INFRA_REPO",
                      "$CI_SERVER_URL/$CI_PROJECT_PATH.git",
                      "S2C_INFRA_BRANCH",
                      "$CI_COMMIT_BRANCH",
                      "S2C_GIT_USERNAME",
                      "oauth2",
                      "S2C_GIT_TOKEN",
                      "$S2C_GITLAB_TOKEN"),
                  "before_script",
                  job.gitlabSetup(),
                  "script",
                  List.of(
                      "bash -c " + ShellWords.quote(loop(id, job, "apply", job.apply(), false)))));
          if (!job.drift().isEmpty()) {
            // runs in the pipeline schedule set up in the project (CI/CD → Schedules)
            ci.put(
                id + "-drift",
                Ordered.map(
                    "stage",
                    "drift",
                    "image",
                    image,
                    "rules",
                    List.of(Map.of("if", "$CI_PIPELINE_SOURCE == \"schedule\"")),
                    "before_script",
                    job.gitlabSetup(),
                    "script",
                    List.of(
                        "bash -c "
                            + ShellWords.quote(driftLoop(id, job, false, REPORT_DRIFT_GITLAB)))));
          }
        });
    return ci;
  }
}
