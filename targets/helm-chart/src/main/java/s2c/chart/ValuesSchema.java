package s2c.chart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's {@code values.schema.json}, generated from the same model as values.yaml: strict (no
 * unknown keys anywhere, services and resources only by their known names), so a wrong value fails
 * {@code helm install} instead of rendering a broken object.
 */
final class ValuesSchema {
  private ValuesSchema() {}

  static Map<String, Object> of(ChartValues values) {
    Map<String, Object> defs = new LinkedHashMap<>();
    defs.put("quantity", type("string", "pattern", "^[0-9]+(\\.[0-9]+)?(m|Mi|Gi|Ti|k|M|G)?$"));
    defs.put(
        "resources",
        obj(
            Map.of("requests", ref("resourceList"), "limits", ref("resourceList")),
            List.of("requests", "limits")));
    defs.put(
        "resourceList",
        Map.of(
            "type",
            "object",
            "additionalProperties",
            Map.of("type", List.of("string", "integer"))));
    defs.put("strings", Map.of("type", "array", "items", type("string")));
    // helm --set services.api.env.WORKERS=4 gives a number: accepted, and the chart writes it as a
    // string
    defs.put(
        "env",
        Map.of(
            "type",
            "object",
            "additionalProperties",
            Map.of("type", List.of("string", "number", "boolean")),
            "propertyNames",
            type("string", "pattern", "^[A-Za-z_][A-Za-z0-9_]*$")));
    // podLabels may not touch the chart's own app.kubernetes.io labels (selectors depend on them)
    defs.put(
        "podLabels",
        Map.of(
            "type",
            "object",
            "additionalProperties",
            type("string"),
            "propertyNames",
            Map.of("not", Map.of("pattern", "^app\\.kubernetes\\.io/"))));
    defs.put("stringMap", Map.of("type", "object", "additionalProperties", type("string")));
    defs.put("objects", Map.of("type", "array", "items", Map.of("type", "object")));
    defs.put(
        "extraEnv",
        Map.of(
            "type",
            "array",
            "items",
            Map.of(
                "type",
                "object",
                "required",
                List.of("name"),
                "properties",
                Map.of("name", type("string", "pattern", "^[A-Za-z_][A-Za-z0-9_]*$")))));
    defs.put(
        "probe",
        obj(
            props(
                "type",
                enumOf("http", "tcp", "exec"),
                "path",
                type("string"),
                "port",
                type("string"),
                "command",
                ref("strings"),
                "periodSeconds",
                intMin(1),
                "timeoutSeconds",
                intMin(1),
                "failureThreshold",
                intMin(1)),
            List.of("type", "periodSeconds", "timeoutSeconds", "failureThreshold")));
    defs.put(
        "service",
        obj(
            props(
                "enabled",
                type("boolean"),
                "kind",
                enumOf("ui-bundle", "api-binary", "worker", "resource"),
                "source",
                type("string"),
                "image",
                obj(
                    props(
                        "repository",
                        type("string", "minLength", 1),
                        "tag",
                        type("string"),
                        "digest",
                        type("string", "pattern", "^(sha256:[a-f0-9]{64})?$")),
                    List.of("repository", "tag", "digest")),
                "replicas",
                intMin(0),
                "command",
                ref("strings"),
                "ports",
                Map.of(
                    "type",
                    "array",
                    "items",
                    obj(
                        props(
                            "name",
                            dns(),
                            "port",
                            Map.of("type", "integer", "minimum", 1, "maximum", 65535)),
                        List.of("name", "port"))),
                "env",
                ref("env"),
                "secretEnv",
                Map.of(
                    "type",
                    "array",
                    "items",
                    obj(
                        props("name", type("string"), "secret", dns(), "key", type("string")),
                        List.of("name", "secret", "key"))),
                "uses",
                ref("strings"),
                "resources",
                ref("resources"),
                "livenessProbe",
                ref("probe"),
                "readinessProbe",
                ref("probe"),
                "startupProbe",
                ref("probe"),
                "podAnnotations",
                ref("stringMap"),
                "podLabels",
                ref("podLabels"),
                "nodeSelector",
                ref("stringMap"),
                "tolerations",
                ref("objects"),
                "affinity",
                Map.of("type", "object"),
                "topologySpreadConstraints",
                ref("objects"),
                "extraEnv",
                ref("extraEnv"),
                "existingSecret",
                type("string"),
                "dependsOn",
                Map.of(
                    "type",
                    "array",
                    "items",
                    obj(
                        props("name", dns(), "port", intMin(1), "resource", dns()),
                        List.of("name", "port"))),
                "writableDirs",
                Map.of("type", "array", "items", type("string", "pattern", "^/")),
                // a PersistentVolumeClaim mounted at /data instead of an emptyDir
                "persistence",
                obj(
                    props(
                        "enabled",
                        type("boolean"),
                        "size",
                        ref("quantity"),
                        "accessMode",
                        enumOf("ReadWriteOnce", "ReadWriteMany"),
                        "storageClassName",
                        type("string")),
                    List.of("enabled", "size", "accessMode", "storageClassName")),
                "expose",
                obj(
                    props(
                        "enabled",
                        type("boolean"),
                        "path",
                        type("string", "pattern", "^/"),
                        "routes",
                        Map.of(
                            "type",
                            "array",
                            "items",
                            obj(
                                props("path", type("string", "pattern", "^/"), "port", dns()),
                                List.of("path", "port")))),
                    List.of("enabled", "path")),
                "autoscaling",
                obj(
                    props(
                        "enabled",
                        type("boolean"),
                        "minReplicas",
                        intMin(1),
                        "maxReplicas",
                        intMin(1),
                        "targetCPUUtilizationPercentage",
                        Map.of("type", "integer", "minimum", 1, "maximum", 100)),
                    List.of(
                        "enabled", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage")),
                "migrations",
                Map.of(
                    "type",
                    "array",
                    "items",
                    obj(
                        props("name", dns(), "command", ref("strings"), "env", ref("env")),
                        List.of("name", "command", "env"))),
                "allowFrom",
                ref("strings")),
            List.of(
                "enabled",
                "kind",
                "image",
                "replicas",
                "ports",
                "env",
                "secretEnv",
                "uses",
                "resources",
                "expose",
                "autoscaling",
                "migrations")));
    Map<String, Object> backingResource =
        obj(
            props(
                "enabled",
                type("boolean"),
                "name",
                dns(),
                "type",
                type("string"),
                "mode",
                enumOf("inCluster", "external"),
                "image",
                type("string"),
                "port",
                intMin(1),
                "dataPath",
                type("string", "pattern", "^/"),
                "storage",
                ref("quantity"),
                "storageClassName",
                type("string"),
                "runAsUser",
                intMin(1),
                "args",
                ref("strings"),
                "writableDirs",
                ref("strings"),
                "resources",
                ref("resources"),
                "env",
                ref("env"),
                "password",
                obj(
                    props("secret", dns(), "env", type("string"), "serverEnv", type("string")),
                    List.of("secret", "env", "serverEnv")),
                "urlEnv",
                ref("strings"),
                "inClusterUrl",
                type("string"),
                "externalRemoteKey",
                type("string"),
                "allowFrom",
                ref("strings"),
                "podAnnotations",
                ref("stringMap"),
                "podLabels",
                ref("podLabels"),
                "nodeSelector",
                ref("stringMap"),
                "tolerations",
                ref("objects"),
                "affinity",
                Map.of("type", "object"),
                "topologySpreadConstraints",
                ref("objects")),
            List.of(
                "enabled",
                "name",
                "type",
                "mode",
                "image",
                "port",
                "dataPath",
                "storage",
                "runAsUser",
                "resources",
                "urlEnv",
                "inClusterUrl",
                "externalRemoteKey"));
    // an image is needed only for what runs in the chart: an external resource (a managed database,
    // a
    // hosted API such as openrouter) is an endpoint from the secret store and no workload
    backingResource.put(
        "allOf",
        List.of(
            Map.of(
                "if", Map.of("properties", Map.of("mode", Map.of("const", "inCluster"))),
                "then", Map.of("properties", Map.of("image", type("string", "minLength", 1))))));
    defs.put("backingResource", backingResource);

    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("nameOverride", type("string"));
    properties.put("fullnameOverride", type("string"));
    properties.put("environment", type("string", "minLength", 1));
    properties.put(
        "commonLabels", Map.of("type", "object", "additionalProperties", type("string")));
    properties.put(
        "image",
        obj(
            props(
                "pullPolicy",
                enumOf("Always", "IfNotPresent", "Never"),
                "pullSecrets",
                ref("strings")),
            List.of("pullPolicy")));
    properties.put("podAnnotations", ref("stringMap"));
    properties.put("podLabels", ref("podLabels"));
    properties.put("nodeSelector", ref("stringMap"));
    properties.put("tolerations", ref("objects"));
    properties.put("affinity", Map.of("type", "object"));
    properties.put("topologySpreadConstraints", ref("objects"));
    properties.put("extraEnv", ref("extraEnv"));
    properties.put("existingSecret", type("string"));
    properties.put(
        "serviceAccount",
        obj(
            props(
                "create",
                type("boolean"),
                "name",
                type("string"),
                "annotations",
                Map.of("type", "object")),
            List.of("create")));
    properties.put("podSecurityContext", Map.of("type", "object"));
    properties.put("containerSecurityContext", Map.of("type", "object"));
    properties.put(
        "ingress",
        obj(
            props(
                "enabled",
                type("boolean"),
                "className",
                type("string"),
                "host",
                type("string"),
                "annotations",
                Map.of("type", "object", "additionalProperties", type("string")),
                "healthCheckPathAnnotation",
                type("string", "pattern", "^([a-z0-9.-]+/)?[A-Za-z0-9._-]*$"),
                "tls",
                obj(
                    props("enabled", type("boolean"), "secretName", type("string")),
                    List.of("enabled")),
                "certManager",
                obj(
                    props("enabled", type("boolean"), "clusterIssuer", type("string")),
                    List.of("enabled"))),
            List.of("enabled")));
    properties.put(
        "networkPolicy",
        obj(
            props(
                "enabled",
                type("boolean"),
                "ingressControllerNamespace",
                type("string"),
                "loadBalancerCidrs",
                Map.of(
                    "type",
                    "array",
                    "items",
                    type("string", "pattern", "^[0-9a-fA-F:.]+/[0-9]{1,3}$"))),
            List.of("enabled")));
    properties.put(
        "secretStore",
        obj(
            props(
                "kind",
                enumOf("SecretStore", "ClusterSecretStore"),
                "name",
                type("string", "minLength", 1),
                "refreshInterval",
                type("string"),
                "keyPrefix",
                type("string"),
                "property",
                type("string")),
            List.of("kind", "name", "refreshInterval", "keyPrefix", "property")));
    properties.put(
        "waitFor",
        obj(
            props("image", type("string", "minLength", 1), "resources", ref("resources")),
            List.of("image", "resources")));
    properties.put(
        "migrations",
        obj(
            props(
                "helmHook",
                type("boolean"),
                "hook",
                type(
                    "string",
                    "pattern",
                    "^(pre|post)-(install|upgrade)(,(pre|post)-(install|upgrade))*$")),
            List.of("helmHook", "hook")));
    properties.put("services", named(values.services().keySet(), ref("service")));
    properties.put(
        "backingResources", named(values.backingResources().keySet(), ref("backingResource")));
    properties.put(
        "externalSecrets",
        named(
            values.externalSecrets().keySet(),
            obj(
                props(
                    "key",
                    type("string"),
                    "remoteKey",
                    type("string", "minLength", 1),
                    "class",
                    enumOf("user_prompt", "remote_fetch")),
                List.of("key", "remoteKey"))));
    properties.put(
        "generatedSecrets",
        named(
            values.generatedSecrets().keySet(),
            obj(
                props("length", Map.of("type", "integer", "minimum", 16, "maximum", 128)),
                List.of("length"))));

    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put("title", "values of a scenario-to-cloud chart");
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("properties", properties);
    schema.put("definitions", defs);
    return schema;
  }

  /** An object whose keys are exactly the names values.yaml has (no typo can add a service). */
  private static Map<String, Object> named(java.util.Set<String> names, Object item) {
    Map<String, Object> props = new LinkedHashMap<>();
    names.forEach(k -> props.put(k, item));
    return Map.of("type", "object", "additionalProperties", false, "properties", props);
  }

  private static Map<String, Object> obj(Map<String, Object> properties, List<String> required) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("additionalProperties", false);
    m.put("required", required);
    m.put("properties", properties);
    return m;
  }

  private static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> type(String type, Object... extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    for (int i = 0; i < extra.length; i += 2) {
      m.put((String) extra[i], extra[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> intMin(int min) {
    return type("integer", "minimum", min);
  }

  private static Map<String, Object> dns() {
    return type("string", "pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  }

  private static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/definitions/" + name);
  }
}
