package s2c.diag;

/** How bad a finding is; only {@link #ERROR} makes a compile fail. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
