package s2c.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import s2c.diag.Suggestions;
import s2c.load.Locator;
import s2c.load.SourceDocument;
import s2c.model.SecretClass;
import s2c.model.SecretRef;
import tools.jackson.databind.JsonNode;

/**
 * Decides which secrets the deployment needs and how each is provided, from the bundle's {@code
 * secrets[]} and secrets-manager's plan. The plan is tier-specific, so its class wins over the
 * bundle's. Values are never read: the plan holds none, and nothing here keeps one.
 *
 * <p>Plan entries map as secrets-manager itself maps them: classification {@code infrastructure} or
 * strategy {@code strip} → infrastructure; {@code prompt} → user_prompt; {@code generate} →
 * per_install_generated; {@code delegate} → remote_fetch. A plan secret that no bundle service
 * names goes to every API and worker service; one owned by a backing resource the deployment
 * provisions (the managed database's password) is left to that resource.
 */
final class SecretsPlanner {
  private final JsonNode bundle;
  private final Locator at;
  private final Optional<SourceDocument> plan;
  private final Map<String, JsonNode> services;
  private final Set<String> resources;
  private final Diagnostics diagnostics;

  SecretsPlanner(
      JsonNode bundle,
      Locator at,
      Optional<SourceDocument> plan,
      Map<String, JsonNode> services,
      Set<String> resources,
      Diagnostics diagnostics) {
    this.bundle = bundle;
    this.at = at;
    this.plan = plan;
    this.services = services;
    this.resources = resources;
    this.diagnostics = diagnostics;
  }

  private record Candidate(
      String id,
      SecretClass cls,
      String description,
      boolean required,
      String targetType,
      String targetName,
      int length,
      SourceLocation origin,
      boolean fromPlanOnly) {}

  List<SecretRef> plan() {
    TreeMap<String, Candidate> byId = new TreeMap<>();
    JsonNode secrets = bundle.path("secrets");
    for (int i = 0; i < secrets.size(); i++) {
      JsonNode s = secrets.get(i);
      String id = s.path("id").asString();
      SourceLocation where = at.locate("/secrets/" + i);
      if (!Identifiers.isValid(id)) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            at.locate("/secrets/" + i + "/id"),
            "secret id " + Identifiers.quote(id) + " is not allowed",
            null);
        continue;
      }
      if (byId.containsKey(id)) {
        diagnostics.error(
            Codes.DUPLICATE_ID,
            at.locate("/secrets/" + i + "/id"),
            "duplicate secret id '" + id + "'",
            null);
        continue;
      }
      if (!envTargetIsAName(s, at.locate("/secrets/" + i + "/target/name"))) {
        continue;
      }
      byId.put(
          id,
          new Candidate(
              id,
              SecretClass.fromWire(s.path("class").asString()),
              s.path("description").asString(""),
              s.path("required").asBoolean(true),
              s.path("target").path("type").asString(),
              s.path("target").path("name").asString(),
              s.path("generator").path("length").asInt(32),
              where,
              false));
    }
    plan.ifPresent(p -> mergePlan(p, byId));
    return resolveUsage(byId);
  }

  /**
   * A secret delivered as an env var names one ({@code ^[A-Za-z_][A-Za-z0-9_]*$}); a file target
   * may be a path.
   */
  private boolean envTargetIsAName(JsonNode secret, SourceLocation where) {
    String name = secret.path("target").path("name").asString("");
    if ("env".equals(secret.path("target").path("type").asString())
        && !Identifiers.isEnvName(name)) {
      diagnostics.error(
          Codes.BAD_IDENTIFIER,
          where,
          "env target " + Identifiers.quote(name) + " is not an environment variable name",
          "use letters, digits and '_', not starting with a digit");
      return false;
    }
    return true;
  }

  private void mergePlan(SourceDocument p, TreeMap<String, Candidate> byId) {
    JsonNode bundleSecrets = p.root().path("bundle_secrets");
    for (int i = 0; i < bundleSecrets.size(); i++) {
      JsonNode s = bundleSecrets.get(i);
      String id = s.path("id").asString();
      SourceLocation where = p.locate("/bundle_secrets/" + i);
      if (!Identifiers.isValid(id)) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            p.locate("/bundle_secrets/" + i + "/id"),
            "secret id " + Identifiers.quote(id) + " is not allowed",
            null);
        continue;
      }
      if (!envTargetIsAName(s, p.locate("/bundle_secrets/" + i + "/target/name"))) {
        continue;
      }
      SecretClass cls = SecretClass.fromWire(s.path("class").asString());
      Candidate existing = byId.get(id);
      if (existing != null && existing.cls() != cls) {
        diagnostics.warning(
            Codes.SECRET_CLASS_CONFLICT,
            where,
            "secret '"
                + id
                + "' is "
                + existing.cls().wire()
                + " in the bundle but "
                + cls.wire()
                + " in the secrets plan; the plan wins",
            "the plan is tier-specific; update the bundle if this is unexpected");
      }
      byId.put(
          id,
          new Candidate(
              id,
              cls,
              s.path("description").asString(existing == null ? "" : existing.description()),
              s.path("required").asBoolean(true),
              s.path("target").path("type").asString(),
              s.path("target").path("name").asString(),
              s.path("generator").path("length").asInt(existing == null ? 32 : existing.length()),
              where,
              existing == null));
    }
    JsonNode entries = p.root().path("secrets");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String resource = e.path("resource_name").asString("");
      String key = e.path("secret_key").asString();
      String id =
          e.path("id").asString("").isBlank()
              ? (resource.isEmpty() ? key : resource + "_" + key).toLowerCase(Locale.ROOT)
              : e.path("id").asString();
      SourceLocation where = p.locate("/secrets/" + i);
      String strategy =
          e.path("handling_strategy").asString("unspecified").toLowerCase(Locale.ROOT);
      boolean infrastructure =
          "infrastructure".equalsIgnoreCase(e.path("classification").asString())
              || "strip".equals(strategy);
      if (resources.contains(resource) && !infrastructure) {
        diagnostics.info(
            Codes.SECRET_CLASS_CONFLICT,
            where,
            "secret "
                + key
                + " of resource '"
                + resource
                + "' is provided by the provisioned "
                + resource
                + " itself",
            null);
        continue;
      }
      if (!Identifiers.isValid(id) || !Identifiers.isEnvName(key)) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            p.locate("/secrets/" + i + "/secret_key"),
            "secret key " + Identifiers.quote(key) + " is not allowed",
            null);
        continue;
      }
      if (byId.containsKey(id) && !infrastructure) {
        continue; // already described by bundle_secrets or the bundle
      }
      SecretClass cls;
      if (infrastructure) {
        cls = SecretClass.INFRASTRUCTURE;
      } else {
        switch (strategy) {
          case "prompt" -> cls = SecretClass.USER_PROMPT;
          case "generate" -> cls = SecretClass.PER_INSTALL_GENERATED;
          case "delegate" -> cls = SecretClass.REMOTE_FETCH;
          default -> {
            if (e.path("requires_user_input").asBoolean(false)) {
              cls = SecretClass.USER_PROMPT;
            } else {
              if (e.path("required").asBoolean(false)) {
                diagnostics.error(
                    Codes.SECRET_WITHOUT_STRATEGY,
                    p.locate("/secrets/" + i + "/handling_strategy"),
                    "required secret "
                        + key
                        + " of '"
                        + resource
                        + "' has no handling strategy for tier '"
                        + p.root().path("tier").asString()
                        + "'",
                    "set a strategy for this tier in secrets-manager (prompt, generate or delegate) and export the plan again");
              }
              continue;
            }
          }
        }
      }
      Candidate existing = byId.get(id);
      int length = e.path("generator_template").path("length").asInt(32);
      byId.put(
          id,
          new Candidate(
              id,
              cls,
              e.path("description").asString(""),
              e.path("required").asBoolean(true),
              "env",
              existing == null ? key.toUpperCase(Locale.ROOT) : existing.targetName(),
              length,
              where,
              existing == null));
    }
  }

  private List<SecretRef> resolveUsage(TreeMap<String, Candidate> byId) {
    TreeMap<String, List<String>> usedBy = new TreeMap<>();
    byId.keySet().forEach(id -> usedBy.put(id, new ArrayList<>()));
    JsonNode list = bundle.path("services");
    for (int i = 0; i < list.size(); i++) {
      JsonNode svc = list.get(i);
      String serviceId = svc.path("id").asString();
      JsonNode refs = svc.path("secrets");
      for (int r = 0; r < refs.size(); r++) {
        String ref = refs.get(r).asString();
        if (!usedBy.containsKey(ref)) {
          diagnostics.error(
              Codes.UNKNOWN_SECRET,
              at.locate("/services/" + i + "/secrets/" + r),
              "service '"
                  + serviceId
                  + "' needs secret '"
                  + ref
                  + "', which neither the bundle nor the secrets plan declares",
              Suggestions.didYouMean(ref, usedBy.keySet()));
          continue;
        }
        usedBy.get(ref).add(serviceId);
      }
    }
    List<String> consumers = new ArrayList<>();
    for (Map.Entry<String, JsonNode> svc : new TreeMap<>(services).entrySet()) {
      String type = svc.getValue().path("type").asString();
      if (type.equals("api-binary") || type.equals("worker")) {
        consumers.add(svc.getKey());
      }
    }
    List<SecretRef> out = new ArrayList<>();
    Set<String> envNames = new TreeSet<>();
    for (Candidate c : byId.values()) {
      List<String> users = usedBy.get(c.id());
      if (users.isEmpty() && c.fromPlanOnly() && c.cls() != SecretClass.INFRASTRUCTURE) {
        users = consumers;
      }
      if (c.cls() == SecretClass.INFRASTRUCTURE) {
        if (!users.isEmpty()) {
          diagnostics.error(
              Codes.INFRASTRUCTURE_SECRET,
              c.origin(),
              "secret '"
                  + c.id()
                  + "' is infrastructure-class and never leaves the mothership, but service(s) "
                  + String.join(", ", users)
                  + " need it",
              "give the service its own credential (user_prompt or remote_fetch) or remove the reference");
        } else {
          diagnostics.info(
              Codes.INFRASTRUCTURE_SECRET,
              c.origin(),
              "infrastructure secret '" + c.id() + "' stays on the mothership",
              null);
        }
        continue;
      }
      if (!"env".equals(c.targetType())) {
        diagnostics.error(
            Codes.VALUE_NOT_ALLOWED,
            c.origin(),
            "secret '"
                + c.id()
                + "' targets a file; cloud targets inject secrets as environment variables",
            "use target {type: env, name: ...}");
        continue;
      }
      if (!Identifiers.isEnvName(c.targetName())) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            c.origin(),
            "secret '"
                + c.id()
                + "' targets env name "
                + Identifiers.quote(c.targetName())
                + ", which is not a valid variable name",
            null);
        continue;
      }
      if (!users.isEmpty() && !envNames.add(c.targetName())) {
        diagnostics.error(
            Codes.DUPLICATE_ID,
            c.origin(),
            "two secrets target the same environment variable " + c.targetName(),
            null);
        continue;
      }
      if (users.isEmpty()) {
        diagnostics.info(
            Codes.UNKNOWN_SECRET,
            c.origin(),
            "secret '" + c.id() + "' is declared but no service uses it; it is not rendered",
            null);
        continue;
      }
      out.add(
          new SecretRef(
              c.id(),
              c.cls(),
              c.description(),
              c.required(),
              c.targetType(),
              c.targetName(),
              c.length(),
              users,
              c.origin()));
    }
    return out;
  }
}
