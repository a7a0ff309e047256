package s2c.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import s2c.spi.CiJob;
import s2c.write.Ordered;

/**
 * The CI job every Terraform target shares: plan on pull requests, the render's deploy.sh on merge.
 */
public final class TerraformCi {
  private TerraformCi() {}

  /**
   * {@code credentials}: the provider's own secrets besides the {@code TF_VAR_*} inputs every
   * Terraform target reads.
   */
  public static CiJob job(List<String> credentials) {
    return job(credentials, List.of());
  }

  /**
   * {@code alpinePackages}: what the target's deploy.sh needs beyond bash, git, jq and curl, as
   * Alpine package names (the GitLab job's image is Alpine; GitHub's runners have them).
   */
  public static CiJob job(List<String> credentials, List<String> alpinePackages) {
    List<String> all = new ArrayList<>();
    all.add("TF_VAR_*");
    all.addAll(credentials);
    return new CiJob(
        "Terraform",
        List.of(
            "terraform -chdir=\"$dir/terraform\" init -input=false",
            "terraform -chdir=\"$dir/terraform\" plan -input=false -lock=false"),
        // deploy.sh checks the inputs, applies and converges what Terraform leaves to the
        // provider's API
        List.of(
            "\"$dir/deploy.sh\" apply",
            // the smoke tests the render carries, against the URL the apply produced
            "outputs=\"${RUNNER_TEMP:-/tmp}/s2c-outputs.json\"",
            "terraform -chdir=\"$dir/terraform\" output -json > \"$outputs\"",
            // unhealthy: verify commits the previous deployment when the render plans it
            // (every env but prod, prod with guardrails.auto_rollback) ...
            "if ! \"${S2C_CLI:-scenario-to-cloud}\" verify --dir \"$dir\" --outputs \"$outputs\""
                + " --rollback-as-planned --repo \"${S2C_INFRA_REPO:-$(git remote get-url origin)}\""
                + " --branch \"${S2C_INFRA_BRANCH:-main}\" --path-template \"$dir\"; then",
            // ... and this job applies it: a push made with the job's own token starts no run
            "  git fetch -q origin \"${S2C_INFRA_BRANCH:-main}\"",
            "  if ! git diff --quiet HEAD FETCH_HEAD -- \"$dir\" && git log -1 --format=%B FETCH_HEAD"
                + " | grep -qx 'S2C-Rollback-Reason: health'; then",
            "    echo \"::: applying the rollback of $dir ($(git rev-parse --short FETCH_HEAD))\"",
            "    git checkout -q FETCH_HEAD -- \"$dir\"",
            "    \"$dir/deploy.sh\" apply",
            "  fi",
            "  exit 3",
            "fi"),
        // -detailed-exitcode: 2 when the real infrastructure differs from the code
        List.of(
            "terraform -chdir=\"$dir/terraform\" init -input=false >/dev/null",
            "terraform -chdir=\"$dir/terraform\" plan -input=false -lock=false -no-color"
                + " -detailed-exitcode"),
        all,
        List.of(
            Ordered.map(
                "uses",
                "hashicorp/setup-terraform@v3",
                "with",
                Map.of("terraform_wrapper", false))),
        "hashicorp/terraform:1.11",
        List.of(
            String.join(
                " ",
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("apk add --no-cache bash git jq curl"),
                        alpinePackages.stream())
                    .toList())),
        // TF_VAR_* covers every input a Terraform render reads
        java.util.Optional.empty());
  }
}
