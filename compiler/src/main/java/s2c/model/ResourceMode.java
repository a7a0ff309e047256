package s2c.model;

/** How a backing resource is provided in the cloud. */
public enum ResourceMode {
  /** The provider's managed service (or the target's default for this resource type). */
  MANAGED,
  /** Run from its official image beside the services. */
  CONTAINER,
  /** An endpoint that exists already, given as a Terraform variable. */
  EXTERNAL,
  /** Left out on purpose (values). */
  DISABLED,
  /** Nothing chosen: the target picks. */
  DEFAULT;

  public static ResourceMode fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
