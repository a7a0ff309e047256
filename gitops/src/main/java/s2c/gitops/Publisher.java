package s2c.gitops;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Commits a render into the infra repository: replaces exactly the target directory (files the
 * render no longer produces are deleted, nothing else is touched), makes no commit when nothing
 * changed, and never force-pushes. When the push is rejected because someone else pushed first, it
 * fetches, re-applies the render on the new tip and tries again, a bounded number of times.
 * Publishes to one repository from one process are also serialised, so a server never races itself.
 */
public final class Publisher {
  private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  public PublishOutcome publish(PublishRequest request) throws PublishException, PublishRefused {
    return publish(request, Map.of());
  }

  /** Also writes {@code rootFiles} (CI pipelines) at the repository root when they are absent. */
  public PublishOutcome publish(PublishRequest request, Map<String, byte[]> rootFiles)
      throws PublishException, PublishRefused {
    ReentrantLock lock = LOCKS.computeIfAbsent(request.repoUrl(), k -> new ReentrantLock());
    lock.lock();
    try (WorkingCopy copy =
        WorkingCopy.open(
            request.repoUrl(), request.branch(), request.baseBranch(), request.access())) {
      String message =
          Trailers.message(request.subject(), request.body().orElse(null), request.trailers());
      for (int attempt = 1; attempt <= request.maxAttempts(); attempt++) {
        ObjectId before = copy.head();
        Map<String, byte[]> previous =
            Snapshot.read(copy.git().getRepository(), before, request.path());
        ChangeSummary summary = ChangeSummary.between(previous, request.tree().files());
        if (!summary.isEmpty()) {
          java.util.List<s2c.diag.Diagnostic> refusals = request.gate().refusals(summary);
          if (!refusals.isEmpty()) {
            throw new PublishRefused(refusals, summary);
          }
        }
        boolean changed = copy.replaceDirectory(request.path(), request.tree().files());
        for (Map.Entry<String, byte[]> root : rootFiles.entrySet()) {
          if (!copy.exists(root.getKey())) {
            copy.writeRootFile(root.getKey(), root.getValue());
            changed = true;
          }
        }
        if (!changed) {
          return new PublishOutcome(
              true,
              before == null ? "" : before.name(),
              request.branch(),
              request.path(),
              summary,
              attempt);
        }
        RevCommit commit = copy.commit(message);
        Pusher.Attempt pushed = Pusher.push(copy, request.branch(), request.access());
        switch (pushed.result()) {
          case PUSHED:
            return new PublishOutcome(
                false, commit.name(), request.branch(), request.path(), summary, attempt);
          case RETRY:
            Pusher.backoff(attempt);
            copy.resetToRemote();
            break;
          default:
            throw new PublishException(
                "push to "
                    + Redaction.redact(request.repoUrl())
                    + " was refused: "
                    + pushed.detail());
        }
      }
      throw new PublishException(
          "gave up after "
              + request.maxAttempts()
              + " attempts: "
              + Redaction.redact(request.repoUrl())
              + " kept moving under us (someone else is pushing to "
              + request.branch()
              + ")");
    } catch (GitAPIException | IOException e) {
      throw new PublishException(
          "publish to " + Redaction.redact(request.repoUrl()) + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  /** The files currently at {@code path} on {@code ref} (a branch name or commit), for diff. */
  public static Map<String, byte[]> read(String repoUrl, String ref, String path, GitAccess access)
      throws PublishException {
    try (WorkingCopy copy = WorkingCopy.open(repoUrl, ref, ref, access)) {
      if (copy.git().getRepository().getRefDatabase().getRefs().isEmpty()) {
        return Map.of(); // an empty repository holds nothing yet
      }
      Optional<ObjectId> id =
          Optional.ofNullable(copy.git().getRepository().resolve(ref))
              .or(
                  () -> {
                    try {
                      return copy.remoteTip(ref);
                    } catch (IOException e) {
                      return Optional.empty();
                    }
                  });
      if (id.isEmpty()) {
        throw new PublishException(
            "no branch or commit '" + ref + "' in " + Redaction.redact(repoUrl));
      }
      return Snapshot.read(copy.git().getRepository(), id.get(), path);
    } catch (IOException e) {
      throw new PublishException("cannot read " + Redaction.redact(repoUrl), e);
    }
  }
}
