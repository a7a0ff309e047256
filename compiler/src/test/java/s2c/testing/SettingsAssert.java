package s2c.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import s2c.spi.ProviderSettings;
import tools.jackson.databind.JsonNode;

/**
 * Holds a target's settings record and its schema fragment together: the same names, nested records
 * included.
 */
public final class SettingsAssert {
  private SettingsAssert() {}

  public static void recordMatchesSchema(Class<? extends Record> type, JsonNode schema) {
    TreeSet<String> components = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      components.add(ProviderSettings.settingName(c.getName()));
    }
    TreeSet<String> properties = new TreeSet<>();
    schema.path("properties").propertyNames().forEach(properties::add);
    assertThat(components)
        .as("settings of %s and its schema", type.getSimpleName())
        .isEqualTo(properties);
    for (RecordComponent c : type.getRecordComponents()) {
      JsonNode property = schema.path("properties").path(ProviderSettings.settingName(c.getName()));
      if (Map.class.isAssignableFrom(c.getType())) {
        Class<?> value =
            (Class<?>)
                ((java.lang.reflect.ParameterizedType) c.getGenericType())
                    .getActualTypeArguments()[1];
        if (value.isRecord()) {
          @SuppressWarnings("unchecked")
          Class<? extends Record> nested = (Class<? extends Record>) value;
          recordMatchesSchema(nested, property.path("additionalProperties"));
        }
      }
    }
    assertThat(Arrays.stream(type.getRecordComponents())).isNotEmpty();
  }

  /** A record read from no settings at all: every default applied, nothing null. */
  public static <R extends Record> R readEmpty(Class<R> type) throws Exception {
    R r = ProviderSettings.read(Map.of(), type);
    for (RecordComponent c : type.getRecordComponents()) {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.setAccessible(true); // package-private records of the target under test
      assertThat(accessor.invoke(r))
          .as("%s.%s without settings", type.getSimpleName(), c.getName())
          .isNotNull();
    }
    return r;
  }
}
