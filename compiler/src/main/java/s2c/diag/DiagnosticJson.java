package s2c.diag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Diagnostics as the JSON both the CLI ({@code --output json}) and the HTTP API answer with. */
public final class DiagnosticJson {
  private DiagnosticJson() {}

  public static List<Map<String, Object>> of(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("severity", d.severity().label());
              m.put("code", d.code());
              m.put("file", d.at().file());
              m.put("line", d.at().line());
              m.put("column", d.at().column());
              m.put("pointer", d.at().pointer());
              m.put("message", d.message());
              m.put("hint", d.hint().orElse(null));
              return m;
            })
        .toList();
  }
}
