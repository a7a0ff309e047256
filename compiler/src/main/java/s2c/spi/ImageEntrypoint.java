package s2c.spi;

import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.model.Service;

/** What a target that runs services' images says about a service's image. */
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

  /**
   * What a target that runs the service's image tells about it: the develop step's command it does
   * not run, and a tag where prod should have a digest.
   */
  public static java.util.List<Diagnostic> notes(Deployment d, Service s) {
    java.util.List<Diagnostic> out = new java.util.ArrayList<>();
    developCommandUnused(s).ifPresent(out::add);
    mutableInProd(d, s).ifPresent(out::add);
    return out;
  }

  /**
   * The warning for a service of an environment named prod whose image is a tag, not a digest: a
   * tag can be pushed again, so the same commit could deploy other code.
   */
  public static Optional<Diagnostic> mutableInProd(Deployment d, Service s) {
    boolean prod = d.environment().equals("prod") || d.environment().equals("production");
    if (!prod || s.image().isEmpty() || s.image().get().contains("@sha256:")) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.warning(
            Codes.IMAGE_NOT_PINNED,
            s.origin(),
            "service '"
                + s.id()
                + "' runs "
                + s.image().get()
                + " in "
                + d.environment()
                + " by tag, which can move to other code",
            "pin it by digest: scenario-to-cloud build … writes images.json for --images, or set services."
                + s.id()
                + ".image to <repository>@sha256:<digest>"));
  }

  /**
   * The error for a service without an image on a target that runs images: {@code why} says what
   * the platform needs, {@code example} an image reference users of that platform would set.
   */
  public static Diagnostic missing(Service s, String why, String example) {
    return Diagnostic.error(
        Codes.NO_IMAGE,
        s.origin(),
        "service '" + s.id() + "' has no container image; " + why,
        "set services."
            + s.id()
            + ".image in values (from your artifact build, e.g. --set services."
            + s.id()
            + ".image="
            + example
            + "), or add 'image' to the bundle service");
  }
}
