package s2c.model;

/**
 * What a bundle service is; decides how a target runs it (public service, worker, backing process).
 */
public enum ServiceType {
  UI_BUNDLE("ui-bundle"),
  API_BINARY("api-binary"),
  WORKER("worker"),
  RESOURCE("resource");

  private final String wire;

  ServiceType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * Whether services of this type use the deployment's backing resources (get their endpoints and
   * credentials, and may connect to them): APIs and workers do, UIs and resources do not.
   */
  public boolean usesResources() {
    return this == API_BINARY || this == WORKER;
  }

  public static ServiceType fromWire(String value) {
    for (ServiceType type : values()) {
      if (type.wire.equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown service type: " + value);
  }

  /** Serves HTTP and can be routed to. */
  public boolean servesHttp() {
    return this == UI_BUNDLE || this == API_BINARY;
  }
}
