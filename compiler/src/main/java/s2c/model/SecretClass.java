package s2c.model;

/** deployment-manager's four secret classes (decision 004 in deployment-manager's docs). */
public enum SecretClass {
  /** Never leaves the mothership; a cloud deployment that needs one is an error. */
  INFRASTRUCTURE("infrastructure"),
  /** Generated inside the provider at apply time, never by the compiler. */
  PER_INSTALL_GENERATED("per_install_generated"),
  /** A required input that the infra repo's CI supplies. */
  USER_PROMPT("user_prompt"),
  /** A reference into a secret store, resolved at deploy time. */
  REMOTE_FETCH("remote_fetch");

  private final String wire;

  SecretClass(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static SecretClass fromWire(String value) {
    for (SecretClass c : values()) {
      if (c.wire.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown secret class: " + value);
  }
}
