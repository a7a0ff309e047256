package s2c.golden.injection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import s2c.load.Pointers;
import tools.jackson.databind.JsonNode;

/**
 * The string fields of an input schema, read from the schema itself: every place a string can be
 * (values and map keys), named by its schema path, and where each one sits in a document.
 */
final class InputFields {
  /**
   * A string in a document: its pointer, whether it is a map key, and the schema path that types
   * it.
   */
  record Slot(String pointer, boolean key, String schemaPath) {}

  private final JsonNode root;

  InputFields(JsonNode schemaRoot) {
    this.root = schemaRoot;
  }

  /**
   * Every schema path where a string may appear (a string-typed schema, or a map whose keys are
   * free).
   */
  Set<String> declared() {
    Set<String> out = new TreeSet<>();
    declared(root, "", out, new HashSet<>());
    return out;
  }

  private void declared(JsonNode schema, String path, Set<String> out, Set<String> refs) {
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asString();
      if (refs.add(ref + "@" + path)) {
        declared(root.at(ref.substring(1)), path, out, refs);
      }
      return;
    }
    if (isString(schema) && !schema.has("enum") && !schema.has("const")) {
      out.add(path);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it =
            schema.path("properties").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      declared(p.getValue(), path + "/" + p.getKey(), out, refs);
    }
    if (schema.path("additionalProperties").isObject()) {
      out.add(path + "/{key}");
      declared(schema.path("additionalProperties"), path + "/*", out, refs);
    }
    if (schema.path("items").isObject()) {
      declared(schema.path("items"), path + "/[]", out, refs);
    }
  }

  /** The string slots of {@code document}, each with the schema path that types it. */
  List<Slot> slots(JsonNode document) {
    List<Slot> out = new ArrayList<>();
    slots(document, root, "", "", out);
    return out;
  }

  private void slots(JsonNode node, JsonNode schema, String pointer, String path, List<Slot> out) {
    while (schema.has("$ref")) {
      schema = root.at(schema.path("$ref").asString().substring(1));
    }
    if (node.isString()) {
      if (isString(schema) && !schema.has("enum") && !schema.has("const")) {
        out.add(new Slot(pointer, false, path));
      }
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = Pointers.child(pointer, e.getKey());
        if (schema.path("properties").has(e.getKey())) {
          slots(
              e.getValue(),
              schema.path("properties").path(e.getKey()),
              child,
              path + "/" + e.getKey(),
              out);
        } else if (schema.path("additionalProperties").isObject()) {
          out.add(new Slot(child, true, path + "/{key}"));
          slots(e.getValue(), schema.path("additionalProperties"), child, path + "/*", out);
        }
      }
      return;
    }
    if (node.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < node.size(); i++) {
        slots(node.get(i), schema.path("items"), Pointers.child(pointer, i), path + "/[]", out);
      }
    }
  }

  private static boolean isString(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isString()) {
      return type.asString().equals("string");
    }
    for (JsonNode t : type) {
      if (t.asString().equals("string")) {
        return true;
      }
    }
    return false;
  }
}
