package s2c.spi;

import java.util.Map;
import s2c.model.Deployment;
import s2c.schema.SchemaValidator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A target's settings ({@code providers.<id>} in values) as its own typed record. The values are
 * already checked against the target's schema fragment, so reading them cannot fail on user input;
 * names are snake_case in values and camelCase in the record.
 */
public final class ProviderSettings {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ProviderSettings() {}

  public static <R extends Record> R read(Deployment d, String targetId, Class<R> type) {
    return read(d.providerSettings().getOrDefault(targetId, Map.of()), type);
  }

  public static <R extends Record> R read(Map<String, Object> settings, Class<R> type) {
    return MAPPER.convertValue(settings, type);
  }

  /** The values name of a record component ({@code sshPort} → {@code ssh_port}). */
  public static String settingName(String component) {
    return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A schema fragment shipped as a class-path resource, e.g. {@code
   * s2c/targets/x/settings.schema.json}.
   */
  public static JsonNode schema(String resource) {
    return SchemaValidator.loadResource(resource);
  }
}
