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
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private YamlOutput() {}

  public static String write(Object value) {
    String text = MAPPER.writeValueAsString(value);
    return text.endsWith("\n") ? text : text + "\n";
  }

  public static JsonNode read(String text) {
    return MAPPER.readTree(text);
  }
}
