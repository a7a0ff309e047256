package s2c.chart;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What the validation rules read of rendered workloads: pod labels, what a pod addresses, which
 * Secrets it reads.
 */
final class PodTemplates {
  record Pod(
      String owner,
      JsonNode object,
      Map<String, String> labels,
      List<String> texts,
      List<String> secrets) {}

  private PodTemplates() {}

  /** The pod template of a Deployment, StatefulSet or Job; empty for other kinds. */
  static java.util.Optional<Pod> of(JsonNode object) {
    String kind = object.path("kind").asString("");
    if (!List.of("Deployment", "StatefulSet", "Job").contains(kind)) {
      return java.util.Optional.empty();
    }
    JsonNode template = object.path("spec").path("template");
    List<String> texts = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : template.path("spec").path(list)) {
        for (JsonNode e : c.path("env")) {
          texts.add(e.path("value").asString(""));
          JsonNode ref = e.path("valueFrom").path("secretKeyRef").path("name");
          if (ref.isString()) {
            secrets.add(ref.asString());
          }
        }
        c.path("envFrom")
            .forEach(
                f -> {
                  if (f.path("secretRef").path("name").isString()) {
                    secrets.add(f.path("secretRef").path("name").asString());
                  }
                });
        c.path("command").forEach(w -> texts.add(w.asString("")));
        c.path("args").forEach(w -> texts.add(w.asString("")));
      }
    }
    return java.util.Optional.of(
        new Pod(
            kind + "/" + object.path("metadata").path("name").asString(""),
            object,
            labels(template.path("metadata").path("labels")),
            texts,
            secrets));
  }

  /** Whether the pod names {@code service} as a host in an env value, a command or its args. */
  static boolean addresses(Pod pod, String service) {
    Pattern host =
        Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(service) + "(?![A-Za-z0-9-])");
    return pod.texts().stream().anyMatch(t -> host.matcher(t).find());
  }

  static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asString(""));
    }
    return out;
  }

  /** Whether {@code labels} match every entry of {@code selector}. */
  static boolean matches(Map<String, String> labels, Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
