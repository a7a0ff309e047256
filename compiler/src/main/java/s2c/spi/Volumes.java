package s2c.spi;

import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.Service;

/** What a target without volumes says about a service that asks for one. */
public final class Volumes {
  private Volumes() {}

  /**
   * Empty when the service asks for no volume; else an error outside {@code dev} (its data would be
   * lost on every redeploy while the values promise otherwise), a warning in dev.
   */
  public static Optional<Diagnostic> unavailable(Service s, String platform, String environment) {
    if (s.volume().isEmpty()) {
      return Optional.empty();
    }
    String message =
        "service '"
            + s.id()
            + "' asks for a "
            + s.volume().get().size()
            + " volume, but "
            + platform
            + " has none here: its files would be lost on every redeploy";
    String hint =
        "keep its state in a backing resource (postgres, an object store), or deploy it to a target with volumes (a cluster, a host)";
    return Optional.of(
        environment.equals("dev")
            ? Diagnostic.warning(Codes.VOLUME_UNAVAILABLE, s.origin(), message, hint)
            : Diagnostic.error(Codes.VOLUME_UNAVAILABLE, s.origin(), message, hint));
  }
}
