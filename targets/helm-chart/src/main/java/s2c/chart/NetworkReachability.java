package s2c.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;

/**
 * The chart's NetworkPolicies must admit the chart's own traffic: every pod template (Deployment,
 * StatefulSet, Job, init containers included) that addresses an in-chart Service by name in an env
 * value, a command or its args must be admitted by the policies selecting that Service's pods. On a
 * CNI that enforces policies (Calico, Cilium) anything else times out at run time.
 */
final class NetworkReachability {
  private record Policy(String name, Map<String, String> selector, List<JsonNode> ingress) {}

  private NetworkReachability() {}

  static List<Diagnostic> check(List<JsonNode> objects, String where, String what) {
    Map<String, Map<String, String>> services = new TreeMap<>();
    List<PodTemplates.Pod> pods = new ArrayList<>();
    List<Policy> policies = new ArrayList<>();
    for (JsonNode o : objects) {
      String kind = o.path("kind").asString("");
      String name = o.path("metadata").path("name").asString("");
      switch (kind) {
        case "Service" -> services.put(name, PodTemplates.labels(o.path("spec").path("selector")));
        case "Deployment", "StatefulSet", "Job" -> PodTemplates.of(o).ifPresent(pods::add);
        case "NetworkPolicy" -> {
          List<String> types = new ArrayList<>();
          o.path("spec").path("policyTypes").forEach(t -> types.add(t.asString()));
          if (types.isEmpty() || types.contains("Ingress")) {
            List<JsonNode> rules = new ArrayList<>();
            o.path("spec").path("ingress").forEach(rules::add);
            policies.add(
                new Policy(
                    name,
                    PodTemplates.labels(o.path("spec").path("podSelector").path("matchLabels")),
                    rules));
          }
        }
        default -> {}
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (PodTemplates.Pod source : pods) {
      for (Map.Entry<String, Map<String, String>> service : services.entrySet()) {
        if (service.getValue().isEmpty() || !PodTemplates.addresses(source, service.getKey())) {
          continue;
        }
        for (PodTemplates.Pod target : pods) {
          if (target == source || !PodTemplates.matches(target.labels(), service.getValue())) {
            continue;
          }
          List<Policy> selecting =
              policies.stream()
                  .filter(p -> PodTemplates.matches(target.labels(), p.selector()))
                  .toList();
          boolean admitted =
              selecting.isEmpty() || selecting.stream().anyMatch(p -> admits(p, source.labels()));
          if (!admitted) {
            out.add(
                Diagnostic.error(
                    Codes.K8S_UNREACHABLE,
                    SourceLocation.file(where),
                    what
                        + ": "
                        + source.owner()
                        + " addresses Service/"
                        + service.getKey()
                        + " (pods of "
                        + target.owner()
                        + "), but no NetworkPolicy selecting those pods admits it ("
                        + selecting.stream().map(Policy::name).toList()
                        + " admit other components; its labels are "
                        + source.labels()
                        + ")",
                    "add the source's component to the allowFrom of what it reaches"));
          }
        }
      }
    }
    return out;
  }

  private static boolean admits(Policy policy, Map<String, String> source) {
    for (JsonNode rule : policy.ingress()) {
      if (!rule.has("from") || rule.path("from").isEmpty()) {
        return true; // a rule without sources admits everyone
      }
      for (JsonNode from : rule.path("from")) {
        if (from.has("podSelector")
            && !from.has("namespaceSelector")
            && PodTemplates.matches(
                source, PodTemplates.labels(from.path("podSelector").path("matchLabels")))) {
          return true;
        }
      }
    }
    return false;
  }
}
