package s2c.spi;

import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.Service;

/** What a target that runs a service's image says when the image's own entrypoint runs. */
public final class ImageEntrypoint {
  private ImageEntrypoint() {}

  /**
   * The info line for a service the scenario's develop step starts with a command of its own while
   * the bundle gives none: the image's entrypoint runs instead, which the user should know.
   */
  public static Optional<Diagnostic> developCommandUnused(Service s) {
    if (!s.command().isEmpty() || s.developCommand().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.info(
            Codes.DEVELOP_COMMAND_UNUSED,
            s.origin(),
            "service '"
                + s.id()
                + "' runs its image's entrypoint, not the develop step's '"
                + String.join(" ", s.developCommand())
                + "'",
            "set services." + s.id() + ".command to run something else in the image"));
  }
}
