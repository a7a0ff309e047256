package s2c.diag;

/**
 * Where a finding points: a file, a 1-based line and column (0 when unknown) and the JSON pointer
 * of the offending value inside that file's document.
 */
public record SourceLocation(String file, int line, int column, String pointer) {
  public static final SourceLocation NONE = new SourceLocation("", 0, 0, "");

  public static SourceLocation file(String file) {
    return new SourceLocation(file, 0, 0, "");
  }

  public SourceLocation withPointer(String newPointer) {
    return new SourceLocation(file, line, column, newPointer);
  }

  /** {@code bundle.json:12:5}, {@code bundle.json} or empty. */
  public String prefix() {
    if (file.isEmpty()) {
      return "";
    }
    return line > 0 ? file + ":" + line + ":" + Math.max(column, 1) : file;
  }
}
