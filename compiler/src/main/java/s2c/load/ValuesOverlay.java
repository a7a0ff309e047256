package s2c.load;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges values layers in order (every {@code --values} file, then every {@code --set}), the way
 * chart tools coalesce values files:
 *
 * <ul>
 *   <li>maps merge key by key, recursively;
 *   <li>scalars and lists replace what was there;
 *   <li>{@code null} deletes the key.
 * </ul>
 *
 * Inputs are never mutated: each layer is deep-copied before merging. The result remembers, per
 * JSON pointer, which layer last wrote it, so diagnostics point at the right file and line.
 */
public final class ValuesOverlay {
  private final ObjectNode merged = JsonNodeFactory.instance.objectNode();
  private final Map<String, Locator> provenance = new HashMap<>();

  public ValuesOverlay apply(JsonNode layer, Locator from) {
    mergeInto(merged, (ObjectNode) layer.deepCopy(), "", from);
    return this;
  }

  public JsonNode tree() {
    return merged.deepCopy();
  }

  public Locator locator() {
    Map<String, Locator> snapshot = Map.copyOf(provenance);
    return pointer -> {
      String probe = pointer;
      while (true) {
        Locator owner = snapshot.get(probe);
        if (owner != null) {
          return owner.locate(pointer);
        }
        if (probe.isEmpty()) {
          return SourceLocation.NONE.withPointer(pointer);
        }
        probe = probe.substring(0, probe.lastIndexOf('/'));
      }
    };
  }

  private void mergeInto(ObjectNode target, ObjectNode layer, String pointer, Locator from) {
    Iterator<Map.Entry<String, JsonNode>> fields = layer.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode incoming = field.getValue();
      String child = Pointers.child(pointer, key);
      if (incoming.isNull()) {
        target.remove(key);
        provenance.put(child, from);
        continue;
      }
      JsonNode existing = target.get(key);
      if (incoming.isObject() && existing != null && existing.isObject()) {
        mergeInto((ObjectNode) existing, (ObjectNode) incoming, child, from);
      } else {
        target.set(key, incoming);
        provenance.put(child, from);
      }
    }
  }
}
