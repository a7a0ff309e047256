package s2c.targets.kubernetes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;

/**
 * The chart's NetworkPolicies must admit the chart's own traffic: every pod template (Deployment,
 * StatefulSet, Job, init containers included) that addresses an in-chart Service by name in an
 * env value, a command or its args must be admitted by the policies selecting that Service's
 * pods. On a CNI that enforces policies (Calico, Cilium) anything else times out at run time.
 */
final class NetworkReachability {
  private record Pod(String owner, Map<String, String> labels, List<String> texts) {}

  private record Policy(String name, Map<String, String> selector, List<JsonNode> ingress) {}

  private NetworkReachability() {}

  static List<Diagnostic> check(List<JsonNode> objects, String where, String what) {
    Map<String, Map<String, String>> services = new TreeMap<>();
    List<Pod> pods = new ArrayList<>();
    List<Policy> policies = new ArrayList<>();
    for (JsonNode o : objects) {
      String kind = o.path("kind").asString("");
      String name = o.path("metadata").path("name").asString("");
      switch (kind) {
        case "Service" -> services.put(name, labels(o.path("spec").path("selector")));
        case "Deployment", "StatefulSet", "Job" -> pods.add(pod(kind + "/" + name, o.path("spec").path("template")));
        case "NetworkPolicy" -> {
          List<String> types = new ArrayList<>();
          o.path("spec").path("policyTypes").forEach(t -> types.add(t.asString()));
          if (types.isEmpty() || types.contains("Ingress")) {
            List<JsonNode> rules = new ArrayList<>();
            o.path("spec").path("ingress").forEach(rules::add);
            policies.add(new Policy(name, labels(o.path("spec").path("podSelector").path("matchLabels")), rules));
          }
        }
        default -> { }
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Pod source : pods) {
      for (Map.Entry<String, Map<String, String>> service : services.entrySet()) {
        if (service.getValue().isEmpty() || !addresses(source, service.getKey())) {
          continue;
        }
        for (Pod target : pods) {
          if (target == source || !contains(target.labels(), service.getValue())) {
            continue;
          }
          List<Policy> selecting = policies.stream().filter(p -> contains(target.labels(), p.selector())).toList();
          boolean admitted = selecting.isEmpty() || selecting.stream().anyMatch(p -> admits(p, source.labels()));
          if (!admitted) {
            out.add(Diagnostic.error(Codes.K8S_UNREACHABLE, SourceLocation.file(where),
                what + ": " + source.owner() + " addresses Service/" + service.getKey() + " (pods of " + target.owner()
                    + "), but no NetworkPolicy selecting those pods admits it (" + selecting.stream().map(Policy::name).toList()
                    + " admit other components; its labels are " + source.labels() + ")",
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
        if (from.has("podSelector") && !from.has("namespaceSelector") && contains(source, labels(from.path("podSelector").path("matchLabels")))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean addresses(Pod pod, String service) {
    Pattern host = Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(service) + "(?![A-Za-z0-9-])");
    return pod.texts().stream().anyMatch(t -> host.matcher(t).find());
  }

  private static Pod pod(String owner, JsonNode template) {
    List<String> texts = new ArrayList<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : template.path("spec").path(list)) {
        c.path("env").forEach(e -> texts.add(e.path("value").asString("")));
        c.path("command").forEach(w -> texts.add(w.asString("")));
        c.path("args").forEach(w -> texts.add(w.asString("")));
      }
    }
    return new Pod(owner, labels(template.path("metadata").path("labels")), texts);
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asString(""));
    }
    return out;
  }

  private static boolean contains(Map<String, String> labels, Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
