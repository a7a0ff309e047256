package s2c.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import s2c.pipeline.CompileResult;

/** The fields every JSON report of a compile starts with, in one order. */
final class CompileReport {
  private CompileReport() {}

  static Map<String, Object> header(CompileResult result) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("ok", result.ok());
    report.put("provider", result.provider());
    report.put("scenario", result.deployment().map(d -> d.scenario()).orElse(null));
    report.put("environment", result.deployment().map(d -> d.environment()).orElse(null));
    return report;
  }
}
