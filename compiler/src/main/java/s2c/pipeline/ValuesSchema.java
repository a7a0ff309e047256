package s2c.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.load.Locator;
import s2c.schema.SchemaValidator;
import s2c.spi.StateBackendKind;
import s2c.spi.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values schema: the shipped provider-neutral part plus, from each target on the class path,
 * its settings under {@code providers.<id>} and its state backends. A new target extends the schema
 * by being registered.
 */
public final class ValuesSchema {
  private static final Map<List<String>, SchemaValidator> VALIDATORS = new ConcurrentHashMap<>();

  private ValuesSchema() {}

  public static JsonNode assemble(List<Target> targets) {
    ObjectNode schema =
        (ObjectNode)
            SchemaValidator.loadResource("s2c/schemas/" + SchemaValidator.VALUES).deepCopy();
    ObjectNode providers =
        (ObjectNode) schema.path("properties").path("providers").path("properties");
    ObjectNode backend = (ObjectNode) schema.path("properties").path("state_backend");
    ArrayNode types = (ArrayNode) backend.path("properties").path("type").path("enum");
    ArrayNode rules = backend.putArray("allOf");
    for (Target target : targets) {
      providers.set(target.id(), target.settingsSchema());
      for (StateBackendKind kind : target.stateBackends()) {
        if (types.valueStream().noneMatch(t -> t.asString().equals(kind.type()))) {
          types.add(kind.type());
          ObjectNode rule = rules.addObject();
          rule.putObject("if").putObject("properties").putObject("type").put("const", kind.type());
          ArrayNode required = rule.putObject("then").putArray("required");
          kind.required().forEach(required::add);
        }
      }
    }
    return schema;
  }

  /**
   * Validates values against the assembled schema. A per-service field no longer in the neutral
   * part but a setting of a target's {@code services.<id>} (a provider's instance size moved there)
   * gets a hint naming where it goes now.
   */
  public static List<Diagnostic> validate(List<Target> targets, JsonNode values, Locator locator) {
    SchemaValidator validator = validator(targets);
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : validator.validate(values, locator)) {
      Matcher m = SERVICE_FIELD.matcher(d.at().pointer());
      if (d.code().equals(Codes.UNKNOWN_FIELD) && m.matches()) {
        String service = m.group(1);
        String field = m.group(2);
        JsonNode providers =
            validator.schema().path("properties").path("providers").path("properties");
        for (Map.Entry<String, JsonNode> p : providers.properties()) {
          if (p.getValue()
              .path("properties")
              .path("services")
              .path("additionalProperties")
              .path("properties")
              .has(field)) {
            d =
                Diagnostic.error(
                    d.code(),
                    d.at(),
                    d.message(),
                    "'"
                        + field
                        + "' is a setting of target '"
                        + p.getKey()
                        + "': write it as providers."
                        + p.getKey()
                        + ".services."
                        + service
                        + "."
                        + field);
            break;
          }
        }
      }
      out.add(d);
    }
    return out;
  }

  private static final Pattern SERVICE_FIELD = Pattern.compile("/services/([^/]+)/([^/]+)");

  /** The validator of the assembled schema, built once per set of targets. */
  public static SchemaValidator validator(List<Target> targets) {
    List<String> ids = targets.stream().map(Target::id).toList();
    return VALIDATORS.computeIfAbsent(
        ids, k -> SchemaValidator.of("urn:s2c:values:" + String.join(",", k), assemble(targets)));
  }
}
