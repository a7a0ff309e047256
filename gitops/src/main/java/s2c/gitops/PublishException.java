package s2c.gitops;

/** A publish, diff, history or rollback that could not reach or update the repository (exit 3). */
public final class PublishException extends Exception {
  private static final long serialVersionUID = 1L;

  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message + ": " + Failures.describe(cause), cause);
  }
}
