package s2c.diag;

import java.util.Optional;

/**
 * One user-facing finding. Printed as {@code bundle.json:12:5: error[S2C012]: message (at
 * /pointer)} followed by {@code hint: ...}. Never carries a stack trace: user errors are data.
 */
public record Diagnostic(
    Severity severity, String code, SourceLocation at, String message, Optional<String> hint) {

  public Diagnostic {
    if (!code.matches("S2C\\d{3}")) {
      throw new IllegalArgumentException("diagnostic code must look like S2C123: " + code);
    }
  }

  public static Diagnostic error(String code, SourceLocation at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, code, at, message, Optional.ofNullable(hint));
  }

  public static Diagnostic warning(String code, SourceLocation at, String message, String hint) {
    return new Diagnostic(Severity.WARNING, code, at, message, Optional.ofNullable(hint));
  }

  public static Diagnostic info(String code, SourceLocation at, String message, String hint) {
    return new Diagnostic(Severity.INFO, code, at, message, Optional.ofNullable(hint));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    String prefix = at.prefix();
    if (!prefix.isEmpty()) {
      out.append(prefix).append(": ");
    }
    out.append(severity.label()).append('[').append(code).append("]: ").append(message);
    if (!at.pointer().isEmpty()) {
      // a pointer holds input keys: control characters are shown escaped, never printed
      out.append(" (at ").append(s2c.pipeline.Identifiers.escapeControls(at.pointer())).append(')');
    }
    hint.ifPresent(h -> out.append("\n  hint: ").append(h));
    return out.toString();
  }
}
