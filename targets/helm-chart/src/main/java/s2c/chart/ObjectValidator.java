package s2c.chart;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import s2c.schema.SchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates rendered objects strictly: core kinds against the Kubernetes 1.30 OpenAPI definitions
 * (made strict: an unknown field is an error, as {@code kubectl --validate=strict} says), custom
 * resources against the schemas shipped for them. Unknown kinds are errors too.
 */
final class ObjectValidator {
  private static final Map<String, String> CRDS =
      Map.of(
          "external-secrets.io/v1/ExternalSecret", "externalsecret.v1.json",
          "generators.external-secrets.io/v1alpha1/Password", "password.v1alpha1.json",
          "argoproj.io/v1alpha1/Application", "application.argoproj.v1alpha1.json",
          "source.toolkit.fluxcd.io/v1/GitRepository", "gitrepository.v1.json",
          "helm.toolkit.fluxcd.io/v2/HelmRelease", "helmrelease.v2.json",
          "external-secrets.io/v1/ClusterSecretStore", "clustersecretstore.v1.json",
          "karpenter.sh/v1/NodePool", "nodepool.karpenter.v1.json",
          "eks.amazonaws.com/v1/IngressClassParams", "ingressclassparams.eks.v1.json");

  private static final JsonNode DEFINITIONS = strictDefinitions();
  private static final Map<String, String> KINDS = kinds();
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private ObjectValidator() {}

  /** Problems with one object, as "path: message" lines; empty when it is valid. */
  static List<String> validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asString("");
    String kind = object.path("kind").asString("");
    String key = apiVersion + "/" + kind;
    Optional<Schema> schema = schemaFor(key);
    if (schema.isEmpty()) {
      return List.of(
          "unknown kind "
              + kind
              + " in "
              + (apiVersion.isEmpty() ? "(no apiVersion)" : apiVersion));
    }
    List<String> problems = new ArrayList<>();
    for (Error e : schema.get().validate(object)) {
      String keyword = String.valueOf(e.getKeyword());
      if (keyword.equals("$ref") || keyword.equals("allOf")) {
        continue;
      }
      problems.add(
          e.getInstanceLocation()
              + ": "
              + ("additionalProperties".equals(keyword)
                  ? "unknown field '" + e.getProperty() + "'"
                  : e.getMessage().replaceFirst("^\\$[^:]*: ", "")));
    }
    return problems;
  }

  private static Optional<Schema> schemaFor(String key) {
    if (CACHE.containsKey(key)) {
      return Optional.of(CACHE.get(key));
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Schema schema;
    if (CRDS.containsKey(key)) {
      schema =
          registry.getSchema(
              SchemaLocation.of("classpath:s2c/schemas/crds/" + CRDS.get(key)),
              SchemaValidator.loadResource("s2c/schemas/crds/" + CRDS.get(key)));
    } else if (KINDS.containsKey(key)) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("$ref", "#/definitions/" + KINDS.get(key));
      root.set("definitions", DEFINITIONS);
      schema = registry.getSchema(SchemaLocation.of("urn:s2c:k8s:" + KINDS.get(key)), root);
    } else {
      return Optional.empty();
    }
    CACHE.put(key, schema);
    return Optional.of(schema);
  }

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new ConcurrentHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = DEFINITIONS.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> def = it.next();
      for (JsonNode gvk : def.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asString("");
        String apiVersion =
            group.isEmpty()
                ? gvk.path("version").asString()
                : group + "/" + gvk.path("version").asString();
        kinds.put(apiVersion + "/" + gvk.path("kind").asString(), def.getKey());
      }
    }
    return kinds;
  }

  /**
   * The shipped definitions, with every object closed to unknown fields and the two union types
   * spelled out.
   */
  private static JsonNode strictDefinitions() {
    ObjectNode defs =
        (ObjectNode)
            SchemaValidator.loadResource("s2c/schemas/kubernetes/k8s-1.30.9-subset.json")
                .path("definitions")
                .deepCopy();
    defs.properties().forEach(e -> strict(e.getValue()));
    defs.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", union("string", "integer"));
    defs.set("io.k8s.apimachinery.pkg.api.resource.Quantity", union("string", "integer", "number"));
    return defs;
  }

  private static void strict(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    if (object.has("properties") && !object.has("additionalProperties")) {
      object.put("additionalProperties", false);
    }
    object.path("properties").forEach(ObjectValidator::strict);
    strict(object.path("items"));
    strict(object.path("additionalProperties"));
  }

  private static ObjectNode union(String... types) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.putArray("type")
        .addAll(java.util.Arrays.stream(types).map(JsonNodeFactory.instance::textNode).toList());
    return n;
  }
}
