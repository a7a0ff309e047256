package s2c.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;

/**
 * No hook pod (a migration Job) may read a Secret or address a Service that is not created before
 * it, in Helm's order (pre-install hooks, the release's objects, post-install hooks) and in Argo
 * CD's (PreSync, Sync by wave, PostSync; Helm hooks map to PreSync/PostSync unless Argo's own
 * annotation says otherwise). Checked on a first install, where nothing exists yet.
 */
final class HookOrder {
  /** Where an object falls in one tool's order; a lower position is created first. */
  private record Position(int phase, int weight) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      return phase != o.phase ? Integer.compare(phase, o.phase) : Integer.compare(weight, o.weight);
    }
  }

  private HookOrder() {}

  static List<Diagnostic> check(List<JsonNode> objects, String where, String what) {
    List<Diagnostic> out = new ArrayList<>();
    for (JsonNode consumer : objects) {
      Optional<PodTemplates.Pod> pod = PodTemplates.of(consumer);
      if (pod.isEmpty() || helmHook(consumer).isEmpty() && argoHook(consumer).isEmpty()) {
        continue;
      }
      for (String secret : pod.get().secrets()) {
        producers(
                objects,
                o ->
                    o.path("kind").asString("").equals("ExternalSecret")
                        && o.path("spec")
                            .path("target")
                            .path("name")
                            .asString(o.path("metadata").path("name").asString(""))
                            .equals(secret))
            .forEach(
                p ->
                    compare(p, consumer, "reads Secret/" + secret + ", made by", where, what, out));
      }
      for (JsonNode service : objects) {
        String name = service.path("metadata").path("name").asString("");
        if (!service.path("kind").asString("").equals("Service")
            || !PodTemplates.addresses(pod.get(), name)) {
          continue;
        }
        compare(service, consumer, "addresses", where, what, out);
        Map<String, String> selector = PodTemplates.labels(service.path("spec").path("selector"));
        for (JsonNode workload : objects) {
          PodTemplates.of(workload)
              .filter(
                  w ->
                      workload != consumer
                          && !selector.isEmpty()
                          && PodTemplates.matches(w.labels(), selector))
              .ifPresent(
                  w ->
                      compare(
                          workload,
                          consumer,
                          "addresses Service/" + name + " served by",
                          where,
                          what,
                          out));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> producers(
      List<JsonNode> objects, java.util.function.Predicate<JsonNode> test) {
    return objects.stream().filter(test).toList();
  }

  private static void compare(
      JsonNode producer,
      JsonNode consumer,
      String relation,
      String where,
      String what,
      List<Diagnostic> out) {
    String from = name(consumer);
    String to = name(producer);
    if (helm(producer).compareTo(helm(consumer)) >= 0) {
      out.add(
          Diagnostic.error(
              Codes.HOOK_ORDER,
              SourceLocation.file(where),
              what
                  + ": "
                  + from
                  + " "
                  + relation
                  + " "
                  + to
                  + ", which Helm does not create before it on a first install",
              "run the hook post-install, or make what it needs an earlier hook"));
    }
    if (argo(producer).compareTo(argo(consumer)) >= 0) {
      out.add(
          Diagnostic.error(
              Codes.HOOK_ORDER,
              SourceLocation.file(where),
              what
                  + ": "
                  + from
                  + " "
                  + relation
                  + " "
                  + to
                  + ", which Argo CD does not sync before it",
              "give what it needs a lower argocd.argoproj.io/sync-wave"));
    }
  }

  private static String name(JsonNode o) {
    return o.path("kind").asString("") + "/" + o.path("metadata").path("name").asString("");
  }

  private static Optional<String> helmHook(JsonNode o) {
    JsonNode a = o.path("metadata").path("annotations");
    // in the render made to validate hooks as plain objects, the hook is recorded here
    String hook =
        a.path("helm.sh/hook")
            .asString(a.path("scenario-to-cloud.vrooli.dev/helm-hook").asString(""));
    return hook.isEmpty() ? Optional.empty() : Optional.of(hook);
  }

  private static Optional<String> argoHook(JsonNode o) {
    String hook =
        o.path("metadata").path("annotations").path("argocd.argoproj.io/hook").asString("");
    return hook.isEmpty() ? Optional.empty() : Optional.of(hook);
  }

  private static int number(JsonNode o, String annotation) {
    try {
      return Integer.parseInt(
          o.path("metadata").path("annotations").path(annotation).asString("0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Helm on install: pre-install hooks by weight, then the release's objects, then post-install
   * hooks by weight.
   */
  private static Position helm(JsonNode o) {
    Optional<String> hook = helmHook(o);
    if (hook.isEmpty()) {
      return new Position(1, 0);
    }
    int weight = number(o, "helm.sh/hook-weight");
    return hook.get().contains("pre-install") ? new Position(0, weight) : new Position(2, weight);
  }

  /**
   * Argo CD: PreSync, then Sync by wave, then PostSync; Helm's hooks mapped when Argo's own
   * annotation is absent.
   */
  private static Position argo(JsonNode o) {
    int wave = number(o, "argocd.argoproj.io/sync-wave");
    String hook =
        argoHook(o)
            .orElseGet(
                () ->
                    helmHook(o)
                        .map(h -> h.contains("pre-") ? "PreSync" : "PostSync")
                        .orElse("Sync"));
    return switch (hook) {
      case "PreSync" -> new Position(0, wave);
      case "PostSync" -> new Position(2, wave);
      default -> new Position(1, wave);
    };
  }
}
