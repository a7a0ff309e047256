package s2c.hcl;

/** A syntax error in HCL text, with its 1-based position. */
public final class HclSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;

  public HclSyntaxException(int line, int column, String message) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
