package s2c.spi;

import java.util.List;

/**
 * What a target's deployments need from the infra repository's CI, as data the pipeline writer
 * turns into GitHub Actions and GitLab CI jobs. Each command runs in bash with {@code $dir} set to
 * one changed deployment directory of this target ({@code <scenario>/<env>/<target id>}) and the
 * listed credentials exported from the CI's secrets.
 *
 * @param tool what the job runs, for step names (e.g. "Terraform")
 * @param plan commands for a pull request after the render check; empty when nothing is previewed
 * @param apply commands on merge, behind the protected environment
 * @param drift commands of the scheduled drift check, run for every deployment of this target (not
 *     only changed ones): exit 0 when the infrastructure matches the repository, 2 when it has
 *     drifted (their output then holds the differing addresses), anything else a failure; empty
 *     when a controller watches drift itself
 * @param credentials the CI secrets the commands read: exact names, or prefixes ending in {@code *}
 * @param githubSetup GitHub Actions steps that install the tool, each a step mapping
 * @param gitlabImage the container image of the GitLab jobs
 * @param gitlabSetup shell lines a GitLab job runs before its script (the image's package manager)
 * @param secretNamesFile a file of the deployment listing, one per line, more CI secrets its
 *     commands read (the app's own secrets, whose names only the render knows); GitHub steps export
 *     those present for that deployment only
 */
public record CiJob(
    String tool,
    List<String> plan,
    List<String> apply,
    List<String> drift,
    List<String> credentials,
    List<java.util.Map<String, Object>> githubSetup,
    String gitlabImage,
    List<String> gitlabSetup,
    java.util.Optional<String> secretNamesFile) {
  public CiJob {
    plan = List.copyOf(plan);
    apply = List.copyOf(apply);
    drift = List.copyOf(drift);
    credentials = List.copyOf(credentials);
    githubSetup = List.copyOf(githubSetup);
    gitlabSetup = List.copyOf(gitlabSetup);
  }
}
