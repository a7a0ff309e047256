package s2c.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.targets.kubernetes.KubernetesTarget;
import s2c.testing.Models;

/**
 * values.schema.json and the records values.yaml is written from name the same properties, object
 * by object: a field added to a record and not to the schema (or the other way round) would make
 * helm refuse the chart's own values, or accept a typo.
 */
class ValuesSchemaTest {
  private final List<String> compared = new ArrayList<>();

  @Test
  void everyObjectOfTheSchemaHasExactlyTheFieldsOfItsRecord() {
    ChartValues values =
        TestCharts.model(
                Models.of(
                    new KubernetesTarget(),
                    "multi-service/bundle.yaml",
                    "multi-service/values.prod.yaml",
                    "state_backend=null",
                    "providers.digitalocean=null"),
                new ArrayList<Diagnostic>())
            .values();
    Map<String, Object> schema = ValuesSchema.of(values);
    compare(ChartValues.class, schema, schema, "values");
    assertThat(compared)
        .as("objects compared")
        .contains(
            "values",
            "values.services.*",
            "values.services.*.readinessProbe",
            "values.backingResources.*",
            "values.backingResources.*.password");
  }

  @SuppressWarnings("unchecked")
  private void compare(
      Class<?> record, Map<String, Object> node, Map<String, Object> root, String at) {
    node = resolve(node, root);
    if (!(node.get("properties") instanceof Map<?, ?> props)
        || !Boolean.FALSE.equals(node.get("additionalProperties"))) {
      return; // an open object (annotations, affinity): the record says nothing about its keys
    }
    compared.add(at);
    Map<String, Type> fields = fields(record);
    assertThat(new TreeSet<>((java.util.Set<String>) props.keySet()))
        .as("properties of " + at + " vs " + record.getSimpleName())
        .isEqualTo(new TreeSet<>(fields.keySet()));
    fields.forEach(
        (name, type) ->
            descend(type, (Map<String, Object>) props.get(name), root, at + "." + name));
  }

  @SuppressWarnings("unchecked")
  private void descend(Type type, Map<String, Object> node, Map<String, Object> root, String at) {
    node = resolve(node, root);
    if (type instanceof Class<?> c && c.isRecord()) {
      compare(c, node, root, at);
    } else if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type arg = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
      if (raw == Optional.class) {
        descend(arg, node, root, at);
      } else if (List.class.isAssignableFrom(raw) && node.get("items") instanceof Map<?, ?> items) {
        descend(arg, (Map<String, Object>) items, root, at + "[]");
      } else if (Map.class.isAssignableFrom(raw)
          && node.get("properties") instanceof Map<?, ?> named
          && !named.isEmpty()) {
        // services, backingResources, secrets: one schema per name the values have
        descend(arg, (Map<String, Object>) named.values().iterator().next(), root, at + ".*");
      }
    }
  }

  /**
   * The record's properties as Jackson writes them: @JsonProperty names, unwrapped records inlined.
   */
  private static Map<String, Type> fields(Class<?> record) {
    Map<String, Type> out = new java.util.LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
        out.putAll(fields(c.getType()));
      } else {
        JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
        out.put(renamed != null ? renamed.value() : c.getName(), c.getGenericType());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolve(Map<String, Object> node, Map<String, Object> root) {
    if (node.get("$ref") instanceof String ref && ref.startsWith("#/definitions/")) {
      Map<String, Object> defs = (Map<String, Object>) root.get("definitions");
      return resolve(
          (Map<String, Object>) defs.get(ref.substring("#/definitions/".length())), root);
    }
    return node;
  }
}
