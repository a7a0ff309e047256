package s2c.write;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An insertion-ordered map from key/value pairs, for structured output that reads top to bottom.
 */
public final class Ordered {
  private Ordered() {}

  public static Map<String, Object> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
