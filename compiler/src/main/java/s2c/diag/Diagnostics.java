package s2c.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A collector that every stage appends to; stages never stop at the first problem. Not thread-safe:
 * each compile owns one.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Collection<Diagnostic> more) {
    items.addAll(more);
  }

  public void error(String code, SourceLocation at, String message, String hint) {
    add(Diagnostic.error(code, at, message, hint));
  }

  public void warning(String code, SourceLocation at, String message, String hint) {
    add(Diagnostic.warning(code, at, message, hint));
  }

  public void info(String code, SourceLocation at, String message, String hint) {
    add(Diagnostic.info(code, at, message, hint));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** Stable order for output: by file, line, column, then code and message. */
  public List<Diagnostic> sorted() {
    return items.stream()
        .sorted(
            Comparator.comparing((Diagnostic d) -> d.at().file())
                .thenComparingInt(d -> d.at().line())
                .thenComparingInt(d -> d.at().column())
                .thenComparing(Diagnostic::code)
                .thenComparing(Diagnostic::message))
        .distinct()
        .toList();
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }
}
