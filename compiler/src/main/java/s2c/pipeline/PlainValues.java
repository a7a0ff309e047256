package s2c.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A JSON tree as unmodifiable plain Java maps, lists and scalars, for the model (which knows no
 * Jackson).
 */
final class PlainValues {
  private PlainValues() {}

  static Map<String, Object> of(JsonNode object) {
    Map<String, Object> out = new LinkedHashMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return Collections.unmodifiableMap(out);
  }

  private static Object value(JsonNode node) {
    if (node.isObject()) {
      return of(node);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(value(n)));
      return Collections.unmodifiableList(out);
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.isNull() ? null : node.asString();
  }
}
