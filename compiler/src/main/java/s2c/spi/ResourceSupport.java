package s2c.spi;

/**
 * How a target runs one type of backing resource, as data: for {@code providers}, for reviewers and
 * for estimates. {@code how} says it in a sentence (service, image or package).
 */
public record ResourceSupport(Placement placement, String how) {
  public enum Placement {
    /** A managed service of the platform (a managed database). */
    MANAGED,
    /** The resource's official image, run next to the app. */
    CONTAINER,
    /** A package of the host's distribution. */
    HOST_PACKAGE,
    /** Only an endpoint the user runs elsewhere ({@code mode: external}). */
    EXTERNAL_ONLY,
    /** Not at all: required is an error, optional is left out with a warning. */
    UNSUPPORTED
  }

  public static ResourceSupport managed(String how) {
    return new ResourceSupport(Placement.MANAGED, how);
  }

  public static ResourceSupport container(String how) {
    return new ResourceSupport(Placement.CONTAINER, how);
  }

  public static ResourceSupport hostPackage(String how) {
    return new ResourceSupport(Placement.HOST_PACKAGE, how);
  }

  public static ResourceSupport externalOnly(String how) {
    return new ResourceSupport(Placement.EXTERNAL_ONLY, how);
  }

  public static ResourceSupport unsupported(String why) {
    return new ResourceSupport(Placement.UNSUPPORTED, why);
  }

  /** The key of the rule for every type the catalogue does not name. */
  public static final String ANY_OTHER = "*";
}
