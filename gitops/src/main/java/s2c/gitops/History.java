package s2c.gitops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** The deployments in a branch's history, newest first, from the S2C-* commit trailers. */
public final class History {
  private History() {}

  public static List<DeploymentRecord> read(
      String repoUrl,
      String branch,
      String scenario,
      Optional<String> env,
      Optional<String> provider,
      GitAccess access)
      throws PublishException {
    try (WorkingCopy copy = WorkingCopy.open(repoUrl, branch, branch, access)) {
      return list(copy, branch, scenario, env, provider);
    } catch (IOException e) {
      throw new PublishException("cannot read the history of " + Redaction.redact(repoUrl), e);
    }
  }

  static List<DeploymentRecord> list(
      WorkingCopy copy,
      String branch,
      String scenario,
      Optional<String> env,
      Optional<String> provider)
      throws IOException {
    List<DeploymentRecord> out = new ArrayList<>();
    ObjectId tip = copy.remoteTip(branch).orElse(null);
    if (tip == null) {
      return out;
    }
    try (RevWalk walk = new RevWalk(copy.git().getRepository())) {
      walk.markStart(walk.parseCommit(tip));
      for (RevCommit c : walk) {
        Map<String, String> t = new HashMap<>();
        for (FooterLine f : c.getFooterLines()) {
          t.putIfAbsent(f.getKey(), f.getValue());
        }
        if (!scenario.equals(t.get(Trailers.SCENARIO))) {
          continue;
        }
        if (env.isPresent() && !env.get().equals(t.get(Trailers.ENV))) {
          continue;
        }
        if (provider.isPresent() && !provider.get().equals(t.get(Trailers.PROVIDER))) {
          continue;
        }
        out.add(
            new DeploymentRecord(
                c.name(),
                c.getCommitTime(),
                c.getAuthorIdent().getName(),
                c.getShortMessage(),
                t.get(Trailers.SCENARIO),
                t.getOrDefault(Trailers.ENV, ""),
                t.getOrDefault(Trailers.PROVIDER, ""),
                t.getOrDefault(Trailers.BUNDLE_DIGEST, ""),
                t.getOrDefault(Trailers.COMPILER, ""),
                Optional.ofNullable(t.get(Trailers.ROLLBACK_TO))));
      }
    }
    return out;
  }
}
