package s2c.chart;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Helm's merge of a values file over a chart's values.yaml, as far as validation needs it. */
final class HelmValues {
  private HelmValues() {}

  /**
   * Whether {@code override}, merged over {@code base} the way Helm coalesces values (maps merge
   * key by key, a null deletes, anything else replaces), gives values other than {@code base}. When
   * it does not, a render with it is the render without it, byte for byte.
   */
  static boolean changes(JsonNode base, JsonNode override) {
    if (override == null || override.isMissingNode()) {
      return false;
    }
    if (!override.isObject() || !base.isObject()) {
      return !override.equals(base);
    }
    for (Map.Entry<String, JsonNode> e : override.properties()) {
      JsonNode current = base.get(e.getKey());
      if (current == null) {
        if (!e.getValue().isNull()) {
          return true;
        }
      } else if (e.getValue().isNull()
          || (e.getValue().isObject() && current.isObject()
              ? changes(current, e.getValue())
              : !e.getValue().equals(current))) {
        return true;
      }
    }
    return false;
  }
}
