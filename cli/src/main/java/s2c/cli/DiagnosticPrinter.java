package s2c.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import s2c.diag.Diagnostic;
import s2c.diag.Severity;

/** Prints diagnostics for people (text) or programs (JSON objects). */
final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  static void text(List<Diagnostic> diagnostics, boolean verbose, PrintWriter err) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    for (Diagnostic d : diagnostics) {
      if (verbose || d.severity() != Severity.INFO) {
        err.println(d.format());
      }
    }
    if (errors > 0 || warnings > 0) {
      err.println(errors + " error(s), " + warnings + " warning(s)");
    }
    err.flush();
  }

  static List<Map<String, Object>> json(List<Diagnostic> diagnostics) {
    return s2c.diag.DiagnosticJson.of(diagnostics);
  }
}
