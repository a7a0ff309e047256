package s2c.write;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one YAML writer: Jackson's, with no document marker, minimal quoting and literal blocks for
 * multi-line strings. Key order is the caller's (YAML consumers such as CI systems read top to
 * bottom), so callers build ordered maps; nothing is concatenated as text.
 */
public final class YamlOutput {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          // a string that looks like a number stays a string when read back
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private YamlOutput() {}

  public static String write(Object value) {
    String text = MAPPER.writeValueAsString(stable(value));
    return text.endsWith("\n") ? text : text + "\n";
  }

  /**
   * Maps whose iteration order is defined (LinkedHashMap, SortedMap) keep it; any other map (such
   * as {@code Map.of}, whose order changes from one JVM to the next) is sorted by key, so the same
   * input always gives the same bytes.
   */
  public static Object stable(Object value) {
    if (value instanceof java.util.Map<?, ?> map) {
      java.util.Map<Object, Object> out =
          map instanceof java.util.LinkedHashMap || map instanceof java.util.SortedMap
              ? new java.util.LinkedHashMap<>()
              : new java.util.TreeMap<>();
      map.forEach((k, v) -> out.put(k, stable(v)));
      return out;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(YamlOutput::stable).toList();
    }
    return value;
  }

  public static JsonNode read(String text) {
    return MAPPER.readTree(text);
  }
}
