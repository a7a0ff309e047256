package s2c.gitops;

import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Pushes one branch without force; says whether a rejection is worth rebuilding on the new tip. */
final class Pusher {
  enum Result {
    PUSHED,
    RETRY,
    FAILED
  }

  record Attempt(Result result, String detail) {}

  private Pusher() {}

  static Attempt push(WorkingCopy copy, String branch, GitAccess access) throws GitAPIException {
    RefSpec spec = new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch);
    Iterable<PushResult> results =
        access
            .apply(copy.git().push().setRemote("origin").setRefSpecs(spec).setForce(false))
            .call();
    for (PushResult r : results) {
      RemoteRefUpdate update = r.getRemoteUpdate("refs/heads/" + branch);
      if (update == null) {
        return new Attempt(Result.FAILED, "the remote did not report on refs/heads/" + branch);
      }
      switch (update.getStatus()) {
        case OK, UP_TO_DATE:
          return new Attempt(Result.PUSHED, "");
        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED:
          return new Attempt(Result.RETRY, update.getStatus().name());
        case REJECTED_OTHER_REASON:
          String message = String.valueOf(update.getMessage());
          // a concurrent writer holding the ref lock is a race like a non-fast-forward
          boolean race =
              message.contains("lock")
                  || message.contains("LOCK")
                  || message.contains("fast-forward")
                  || message.contains("stale");
          return new Attempt(race ? Result.RETRY : Result.FAILED, message);
        default:
          return new Attempt(Result.FAILED, update.getStatus() + " " + update.getMessage());
      }
    }
    return new Attempt(Result.FAILED, "no push result");
  }

  /** Jittered backoff so that racing publishers spread out instead of colliding again. */
  static void backoff(int attempt) {
    long max = Math.min(2000, 25L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(max / 2, max + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
