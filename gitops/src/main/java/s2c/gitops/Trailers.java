package s2c.gitops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The commit trailers that make the infra repo's history a deployment log. */
public final class Trailers {
  public static final String SCENARIO = "S2C-Scenario";
  public static final String ENV = "S2C-Env";
  public static final String PROVIDER = "S2C-Provider";
  public static final String BUNDLE_DIGEST = "S2C-Bundle-Digest";
  public static final String COMPILER = "S2C-Compiler";
  public static final String ROLLBACK_TO = "S2C-Rollback-To";

  /** Why a rollback was made when a check made it ({@code health}: verify found it unhealthy). */
  public static final String ROLLBACK_REASON = "S2C-Rollback-Reason";

  /** The monthly amount a publish over its cost guardrails was confirmed for (--approve-cost). */
  public static final String APPROVED_COST = "S2C-Approved-Cost";

  private Trailers() {}

  public static Map<String, String> of(
      String scenario, String env, String provider, String bundleSha256, String compiler) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(SCENARIO, scenario);
    t.put(ENV, env);
    t.put(PROVIDER, provider);
    if (!bundleSha256.isEmpty()) {
      // empty: a fan-out commit restored by a rollback (it carries one digest per tenant)
      t.put(
          BUNDLE_DIGEST,
          bundleSha256.startsWith("sha256:") ? bundleSha256 : "sha256:" + bundleSha256);
    }
    t.put(COMPILER, compiler);
    return t;
  }

  /** Subject, optional body, blank line, trailers: the layout git interpret-trailers reads. */
  static String message(String subject, String body, Map<String, String> trailers) {
    StringBuilder m = new StringBuilder(subject.strip()).append("\n\n");
    if (body != null && !body.isBlank()) {
      m.append(body.strip()).append("\n\n");
    }
    trailers.forEach((k, v) -> m.append(k).append(": ").append(v).append('\n'));
    return m.toString();
  }
}
