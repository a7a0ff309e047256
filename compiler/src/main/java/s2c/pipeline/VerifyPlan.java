package s2c.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import s2c.model.Deployment;
import s2c.model.Expose;
import s2c.model.HealthCheck;
import s2c.model.Service;
import s2c.write.JsonOutput;

/**
 * {@code s2c-verify.json}: the smoke tests of a deployment, derived from the bundle and written
 * beside the render, so whoever applied it (the infra CI, an operator) can check it with {@code
 * verify --dir} without the bundle. One check per exposed service, in dependency order: its HTTP
 * health path where the public route reaches it, else the route itself (it must not answer 5xx);
 * retries, interval, timeout and initial delay are the bundle's.
 */
public final class VerifyPlan {
  public static final String NAME = "s2c-verify.json";

  private VerifyPlan() {}

  /**
   * @param rollout what the target says {@code verify} can read from the platform's API about the
   *     rollout (written as {@code rollout} when not empty)
   */
  public static byte[] of(Deployment d, String provider, Map<String, Object> rollout) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("scenario", d.scenario());
    plan.put("environment", d.environment());
    plan.put("provider", provider);
    plan.put("app_version", d.appVersion());
    plan.put("bundle_digest", d.inputDigest());
    plan.put("domain", d.domain().orElse(null));
    plan.put("telemetry_upload_url", d.telemetryUploadUrl().orElse(null));
    // what the infra CI does when the checks fail (verify --rollback-as-planned)
    boolean prod = d.environment().equals("prod") || d.environment().equals("production");
    plan.put("rollback_on_failure", !prod || d.guardrails().autoRollback());
    List<Map<String, Object>> checks = new ArrayList<>();
    List<Map<String, Object>> unchecked = new ArrayList<>();
    for (Service s : dependencyOrder(d)) {
      if (s.expose().isEmpty()) {
        unchecked.add(Map.of("service", s.id(), "reason", "not exposed: no public route"));
        continue;
      }
      checks.add(check(s, s.expose().get(), s.health()));
    }
    plan.put("checks", checks);
    plan.put("not_checked", unchecked);
    if (!rollout.isEmpty()) {
      plan.put("rollout", rollout);
    }
    return JsonOutput.write(plan).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Map<String, Object> check(Service s, Expose expose, HealthCheck h) {
    String prefix = expose.path().endsWith("/") ? expose.path() : expose.path() + "/";
    // a health check without a port name checks the service's primary port
    String healthPort =
        h.portName().isEmpty() ? s.primaryPort().map(p -> p.name()).orElse("") : h.portName();
    boolean http = h.kind() == HealthCheck.Kind.HTTP && healthPort.equals(port(s, expose));
    String path;
    String expect;
    if (http && !expose.preservePathPrefix()) {
      // the router strips the prefix: the service sees its own health path
      path = join(expose.path(), h.path());
      expect = "2xx";
    } else if (http && (h.path() + "/").startsWith(prefix)) {
      path = h.path();
      expect = "2xx";
    } else {
      // the health endpoint is not on the public route: the route must at least answer
      path = expose.path();
      expect = "not-5xx";
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", s.id() + (expect.equals("2xx") ? " health" : " route"));
    c.put("service", s.id());
    c.put("path", path);
    c.put("expect", expect);
    c.put("retries", Math.max(1, h.retries()));
    c.put("interval_ms", Math.max(100, h.intervalMs()));
    c.put("timeout_ms", Math.max(100, h.timeoutMs()));
    c.put("after", s.dependencies());
    return c;
  }

  private static String port(Service s, Expose expose) {
    return expose.portName().orElseGet(() -> s.primaryPort().map(p -> p.name()).orElse(""));
  }

  private static String join(String prefix, String path) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return p + (path.startsWith("/") ? path : "/" + path);
  }

  /** Services before those that depend on them; ties by id. */
  static List<Service> dependencyOrder(Deployment d) {
    Map<String, Service> byId = new TreeMap<>();
    d.services().forEach(s -> byId.put(s.id(), s));
    List<Service> out = new ArrayList<>();
    TreeSet<String> done = new TreeSet<>();
    while (out.size() < byId.size()) {
      boolean progressed = false;
      for (Service s : byId.values()) {
        if (!done.contains(s.id())
            && s.dependencies().stream()
                .allMatch(dep -> done.contains(dep) || !byId.containsKey(dep))) {
          out.add(s);
          done.add(s.id());
          progressed = true;
        }
      }
      if (!progressed) {
        // a cycle (the model reports it): the rest in id order
        byId.values().stream().filter(s -> !done.contains(s.id())).forEach(out::add);
        break;
      }
    }
    return out;
  }
}
