package s2c.gitops;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.write.Ordered;
import s2c.write.YamlOutput;

/**
 * The "existing CI" for infra repos that have none: Terraform plan on pull/merge requests and apply
 * on merge behind a protected environment, the Ansible playbooks of bare-metal deployments on merge,
 * and nothing for Helm charts (Argo CD / Flux sync them from the repository).
 */
public final class CiPipelines {
  public enum Kind { github, gitlab }

  static final String CHANGED_DIRS = String.join("\n",
      "# deployment directories (<scenario>/<env>/<provider>) touched by this change",
      "changed_dirs() {",
      "  git diff --name-only \"$1\" HEAD | awk -F/ 'NF>3 {print $1\"/\"$2\"/\"$3}' | sort -u",
      "}");

  static final String PLAN = String.join("\n",
      "set -euo pipefail",
      CHANGED_DIRS,
      "s2c=\"${S2C_CLI:-scenario-to-cloud}\"",
      "command -v \"$s2c\" >/dev/null || { echo \"install scenario-to-cloud (or set S2C_CLI) to check each render against its manifest\" >&2; exit 1; }",
      "for dir in $(changed_dirs \"$BASE\"); do",
      "  # a hand edit or a file outside the render fails the check: change the inputs instead",
      "  \"$s2c\" validate --strict \"$dir\"",
      "  if [ -d \"$dir/terraform\" ]; then",
      "    echo \"::: terraform plan in $dir\"",
      "    terraform -chdir=\"$dir/terraform\" init -input=false",
      "    terraform -chdir=\"$dir/terraform\" plan -input=false -lock=false",
      "  fi",
      "done",
      "");

  static final String APPLY = String.join("\n",
      "set -euo pipefail",
      CHANGED_DIRS,
      "for dir in $(changed_dirs \"$BASE\"); do",
      "  if [ -x \"$dir/deploy.sh\" ] && [ -d \"$dir/terraform\" ]; then",
      "    echo \"::: terraform apply in $dir\"",
      "    \"$dir/deploy.sh\" apply",
      "  fi",
      "done",
      "");

  static final String ANSIBLE = String.join("\n",
      "set -euo pipefail",
      CHANGED_DIRS,
      "for dir in $(changed_dirs \"$BASE\"); do",
      "  if [ -f \"$dir/ansible/site.yml\" ]; then",
      "    echo \"::: ansible-playbook in $dir\"",
      "    (cd \"$dir/ansible\" && ansible-playbook -i \"${ANSIBLE_INVENTORY:-inventory.yml}\" site.yml)",
      "  fi",
      "done",
      "");

  /** Exports the repository secrets a deployment reads (TF_VAR_*, provider tokens) into this step only. */
  static final String EXPORT_SECRETS = String.join("\n",
      "while IFS= read -r name; do",
      "  export \"$name=$(jq -r --arg n \"$name\" '.[$n]' <<<\"$SECRETS_JSON\")\"",
      "done < <(jq -r 'keys[] | select(startswith(\"TF_VAR_\") or . == \"DIGITALOCEAN_TOKEN\" or startswith(\"SPACES_\") or startswith(\"AWS_\") or startswith(\"VAULT_\"))' <<<\"$SECRETS_JSON\")",
      "");

  private CiPipelines() {}

  public static Map<String, byte[]> files(Kind kind) {
    return switch (kind) {
      case github -> Map.of(".github/workflows/scenario-to-cloud.yml", YamlOutput.write(github()).getBytes(StandardCharsets.UTF_8));
      case gitlab -> Map.of(".gitlab-ci.yml", YamlOutput.write(gitlab()).getBytes(StandardCharsets.UTF_8));
    };
  }

  static Map<String, Object> github() {
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("name", "scenario-to-cloud infra");
    wf.put("on", Map.of("pull_request", Map.of(), "push", Map.of("branches", List.of("main"))));
    wf.put("permissions", Map.of("contents", "read"));
    wf.put("concurrency", Ordered.map("group", "s2c-infra-${{ github.ref }}", "cancel-in-progress", false));
    Map<String, Object> jobs = new LinkedHashMap<>();
    jobs.put("plan", job("github.event_name == 'pull_request'", null, "origin/${{ github.base_ref }}", List.of(
        step("Terraform plan of changed deployments", EXPORT_SECRETS + PLAN))));
    jobs.put("apply", job("github.event_name == 'push'", "production", "HEAD~1", List.of(
        step("Terraform apply of changed deployments", EXPORT_SECRETS + APPLY),
        Ordered.map("name", "Install Ansible", "run", "pipx install --include-deps ansible"),
        step("Ansible playbooks of changed bare-metal deployments", EXPORT_SECRETS + ANSIBLE))));
    wf.put("jobs", jobs);
    return wf;
  }

  private static Map<String, Object> job(String condition, String environment, String base, List<Map<String, Object>> work) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("if", condition);
    job.put("runs-on", "ubuntu-latest");
    if (environment != null) {
      // a protected environment: required reviewers approve every apply
      job.put("environment", environment);
    }
    job.put("env", Map.of("BASE", base));
    List<Object> steps = new java.util.ArrayList<>();
    steps.add(Ordered.map("uses", "actions/checkout@v4", "with", Map.of("fetch-depth", 0)));
    steps.add(Ordered.map("uses", "hashicorp/setup-terraform@v3", "with", Map.of("terraform_wrapper", false)));
    steps.addAll(work);
    job.put("steps", steps);
    return job;
  }

  private static Map<String, Object> step(String name, String script) {
    return Ordered.map("name", name, "env", Map.of("SECRETS_JSON", "${{ toJSON(secrets) }}"), "shell", "bash", "run", script);
  }

  static Map<String, Object> gitlab() {
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("stages", List.of("plan", "apply"));
    Map<String, Object> terraformImage = Ordered.map("name", "hashicorp/terraform:1.11", "entrypoint", List.of(""));
    ci.put("terraform-plan", Ordered.map(
        "stage", "plan", "image", terraformImage,
        "rules", List.of(Map.of("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"")),
        "variables", Map.of("BASE", "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GIT_DEPTH", "0"),
        "before_script", List.of("apk add --no-cache bash git", "git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\""),
        "script", List.of("bash -c " + shellQuote(PLAN))));
    ci.put("terraform-apply", Ordered.map(
        "stage", "apply", "image", terraformImage,
        "rules", List.of(Map.of("if", "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")),
        "environment", Map.of("name", "production"),
        "resource_group", "production",
        "variables", Map.of("BASE", "HEAD~1", "GIT_DEPTH", "0"),
        "before_script", List.of("apk add --no-cache bash git"),
        "script", List.of("bash -c " + shellQuote(APPLY))));
    ci.put("ansible-apply", Ordered.map(
        "stage", "apply", "image", "python:3.12-slim",
        "rules", List.of(Map.of("if", "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")),
        "environment", Map.of("name", "production"),
        "resource_group", "production",
        "variables", Map.of("BASE", "HEAD~1", "GIT_DEPTH", "0"),
        "before_script", List.of("apt-get update -qq && apt-get install -y -qq git openssh-client", "pip install --quiet ansible"),
        "script", List.of("bash -c " + shellQuote(ANSIBLE))));
    return ci;
  }

  private static String shellQuote(String script) {
    return "'" + script.replace("'", "'\\''") + "'";
  }

}
