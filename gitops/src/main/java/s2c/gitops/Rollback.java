package s2c.gitops;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Rolls a deployment directory back to what an earlier deployment commit held, as a new commit on
 * top (history is never rewritten); the infra repo's CI then re-applies it.
 */
public final class Rollback {
  private Rollback() {}

  public record Outcome(
      String commitId, DeploymentRecord restored, ChangeSummary summary, boolean unchanged) {}

  public static Outcome run(
      String repoUrl,
      String branch,
      PathTemplate template,
      String scenario,
      String env,
      Optional<String> provider,
      Optional<String> to,
      GitAccess access,
      int maxAttempts)
      throws PublishException {
    return run(
        repoUrl, branch, template, scenario, env, provider, to, access, maxAttempts, Map.of());
  }

  /** {@code extraTrailers}: why, for a rollback a check made ({@code S2C-Rollback-Reason}). */
  public static Outcome run(
      String repoUrl,
      String branch,
      PathTemplate template,
      String scenario,
      String env,
      Optional<String> provider,
      Optional<String> to,
      GitAccess access,
      int maxAttempts,
      Map<String, String> extraTrailers)
      throws PublishException {
    try (WorkingCopy copy = WorkingCopy.open(repoUrl, branch, branch, access)) {
      for (int attempt = 1; attempt <= maxAttempts; attempt++) {
        List<DeploymentRecord> deployments =
            deployments(copy, branch, template, scenario, env, provider);
        if (deployments.isEmpty()) {
          throw new PublishException(
              "no deployment of "
                  + scenario
                  + " ("
                  + env
                  + ") in "
                  + Redaction.redact(repoUrl)
                  + " "
                  + branch);
        }
        DeploymentRecord current = deployments.get(0);
        DeploymentRecord target = pick(deployments, to, scenario, env);
        String path = template.expand(scenario, env, target.provider());
        Map<String, byte[]> before = Snapshot.read(copy.git().getRepository(), copy.head(), path);
        Map<String, byte[]> restored =
            Snapshot.read(copy.git().getRepository(), ObjectId.fromString(target.commit()), path);
        boolean changed = copy.replaceDirectory(path, restored);
        ChangeSummary summary = ChangeSummary.between(before, restored);
        if (!changed) {
          return new Outcome(copy.head().name(), target, summary, true);
        }
        Map<String, String> trailers =
            new LinkedHashMap<>(
                Trailers.of(
                    scenario, env, target.provider(), target.bundleDigest(), target.compiler()));
        trailers.put(Trailers.ROLLBACK_TO, target.commit());
        trailers.putAll(extraTrailers);
        RevCommit commit =
            copy.commit(
                Trailers.message(
                    "Roll back "
                        + scenario
                        + " ("
                        + env
                        + ", "
                        + target.provider()
                        + ") to "
                        + target.commit().substring(0, 12),
                    "Restores "
                        + path
                        + " as deployed by "
                        + target.commit()
                        + " (\""
                        + target.subject()
                        + "\"), replacing "
                        + current.commit().substring(0, 12)
                        + ".",
                    trailers));
        Pusher.Attempt pushed = Pusher.push(copy, branch, access);
        switch (pushed.result()) {
          case PUSHED:
            return new Outcome(commit.name(), target, summary, false);
          case RETRY:
            Pusher.backoff(attempt);
            copy.resetToRemote();
            break;
          default:
            throw new PublishException(
                "push to " + Redaction.redact(repoUrl) + " was refused: " + pushed.detail());
        }
      }
      throw new PublishException(
          "gave up after "
              + maxAttempts
              + " attempts: "
              + Redaction.redact(repoUrl)
              + " kept moving");
    } catch (GitAPIException | IOException e) {
      throw new PublishException("rollback in " + Redaction.redact(repoUrl) + " failed", e);
    }
  }

  /**
   * The deployments of scenario/env, newest first. With a template that names one directory (what
   * the infra CI passes: {@code --path-template "$dir"}), the commits that changed that directory,
   * fan-out commits included (they carry no single environment).
   */
  private static List<DeploymentRecord> deployments(
      WorkingCopy copy,
      String branch,
      PathTemplate template,
      String scenario,
      String env,
      Optional<String> provider)
      throws IOException {
    if (template.template().contains("{")) {
      return History.list(copy, branch, scenario, Optional.of(env), provider);
    }
    String dir = template.template();
    List<DeploymentRecord> out = new java.util.ArrayList<>();
    for (DeploymentRecord r : History.list(copy, branch, scenario, Optional.empty(), provider)) {
      boolean ours = r.environment().equals(env) || r.environment().isEmpty();
      if (ours && changed(copy.git().getRepository(), r.commit(), dir)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether {@code commit} changed what lies at {@code dir} (against its first parent). */
  private static boolean changed(org.eclipse.jgit.lib.Repository repo, String commit, String dir)
      throws IOException {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      ObjectId now = at(repo, c.getTree(), dir);
      ObjectId before =
          c.getParentCount() == 0
              ? null
              : at(repo, walk.parseCommit(c.getParent(0)).getTree(), dir);
      return now != null && !now.equals(before);
    }
  }

  private static ObjectId at(
      org.eclipse.jgit.lib.Repository repo, org.eclipse.jgit.revwalk.RevTree tree, String dir)
      throws IOException {
    try (org.eclipse.jgit.treewalk.TreeWalk tw =
        org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, dir, tree)) {
      return tw == null ? null : tw.getObjectId(0);
    }
  }

  private static DeploymentRecord pick(
      List<DeploymentRecord> deployments, Optional<String> to, String scenario, String env)
      throws PublishException {
    if (to.isPresent()) {
      return deployments.stream()
          .filter(d -> d.commit().startsWith(to.get()))
          .findFirst()
          .orElseThrow(
              () ->
                  new PublishException(
                      "commit "
                          + to.get()
                          + " is not a deployment of "
                          + scenario
                          + " ("
                          + env
                          + ")"));
    }
    // the deployment before the current one; rollbacks themselves count as deployments
    if (deployments.size() < 2) {
      throw new PublishException(
          "there is no earlier deployment of " + scenario + " (" + env + ") to roll back to");
    }
    return deployments.get(1);
  }
}
