package s2c.tenants;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.load.Pointers;
import s2c.load.SourceDocument;
import s2c.schema.SchemaValidator;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenants file ({@code tenants.yaml}): one install of the scenario per customer, each in its own
 * environments, with its own domain, region, values and secret path. Read once, checked whole
 * (schema, grammar, duplicates and collisions, each located in the file), then expanded into one
 * {@link Instance} per tenant × environment.
 */
public final class TenantsFile {
  /** One tenant × environment, with the values layers it adds after the --values files. */
  public record Instance(String tenant, String environment, List<Layer> layers) {
    /** {@code <tenant>/<env>}: how diagnostics and summaries name it. */
    public String label() {
      return tenant + "/" + environment;
    }
  }

  /** A values layer in memory, named for diagnostics. */
  public record Layer(String name, byte[] json) {}

  private record Tenant(
      String id,
      String pointer,
      Optional<String> domain,
      Optional<String> region,
      List<String> environments,
      JsonNode values,
      String secretPrefix) {}

  private final String name;
  private final JsonNode defaults;
  private final List<Tenant> tenants;

  private TenantsFile(String name, JsonNode defaults, List<Tenant> tenants) {
    this.name = name;
    this.defaults = defaults;
    this.tenants = List.copyOf(tenants);
  }

  /** Every tenant id, in file order. */
  public List<String> ids() {
    return tenants.stream().map(Tenant::id).toList();
  }

  /**
   * The file, or empty with the reasons in {@code diagnostics}: schema and grammar, a duplicate id,
   * and tenants that would share a directory, name, secret path or domain.
   */
  public static Optional<TenantsFile> read(SourceDocument file, Diagnostics diagnostics) {
    diagnostics.addAll(SchemaValidator.of(SchemaValidator.TENANTS).validate(file));
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    JsonNode root = file.root();
    List<String> defaultEnvs = strings(root.path("environments"), List.of());
    List<Tenant> tenants = new ArrayList<>();
    JsonNode list = root.path("tenants");
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      String id = t.path("id").asString();
      if (defaultEnvs.isEmpty() && !t.path("environments").isArray()) {
        diagnostics.error(
            Codes.MISSING_FIELD,
            file.locate(Pointers.child("/tenants", i)),
            "tenant '" + id + "' has no environments",
            "list them at the top (environments: [staging, prod]) or on the tenant");
      }
      tenants.add(
          new Tenant(
              id,
              Pointers.child("/tenants", i),
              text(t, "domain"),
              text(t, "region"),
              strings(t.path("environments"), defaultEnvs),
              t.path("values").isObject()
                  ? t.path("values")
                  : JsonNodeFactory.instance.objectNode(),
              text(t, "secret_prefix").orElse(id)));
    }
    collisions(file, tenants, diagnostics);
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    JsonNode defaults =
        root.path("defaults").isObject()
            ? root.path("defaults")
            : JsonNodeFactory.instance.objectNode();
    // layers are named by the file's name alone: the manifest records it, and where the file lies
    // on this machine must not change a render
    String base = java.nio.file.Path.of(file.name()).getFileName().toString();
    return Optional.of(new TenantsFile(base, defaults, tenants));
  }

  /**
   * Two tenants must never meet: not in a directory or state key ({@code <tenant>/<env>}), not in a
   * name joined with '-' ({@code <scenario>-<tenant>-<env>}: tenant a-b in c is tenant a in b-c),
   * not in a secret path, not at a domain.
   */
  private static void collisions(SourceDocument file, List<Tenant> tenants, Diagnostics out) {
    Map<String, Tenant> ids = new TreeMap<>();
    Map<String, Tenant> names = new TreeMap<>();
    Map<String, Tenant> secretPaths = new TreeMap<>();
    Map<String, Tenant> domains = new TreeMap<>();
    Map<String, Tenant> scopes = new TreeMap<>();
    for (Tenant t : tenants) {
      Tenant first = ids.putIfAbsent(t.id(), t);
      if (first != null) {
        out.error(
            Codes.DUPLICATE_ID,
            file.locate(t.pointer() + "/id"),
            "tenant '" + t.id() + "' is listed twice (first at " + where(file, first) + ")",
            "give every tenant its own id");
        continue;
      }
      for (String env : t.environments()) {
        clash(
            file,
            names,
            t.id() + "-" + env,
            t,
            "resource name <scenario>-" + t.id() + "-" + env,
            out);
        boolean samePath =
            clash(
                file,
                secretPaths,
                t.secretPrefix() + "/" + env,
                t,
                "secret path <scenario>/" + t.secretPrefix() + "/" + env,
                out);
        String scope =
            (t.secretPrefix() + "_" + env)
                .toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "_");
        if (!samePath) {
          clash(file, scopes, scope, t, "CI secret scope <SCENARIO>_" + scope, out);
        }
        Optional<String> domain = domain(t, env);
        if (domain.isPresent()) {
          clash(file, domains, domain.get(), t, "domain " + domain.get(), out);
        }
      }
    }
  }

  /** True when {@code key} was taken by another tenant (an error is added). */
  private static boolean clash(
      SourceDocument file,
      Map<String, Tenant> seen,
      String key,
      Tenant t,
      String what,
      Diagnostics out) {
    Tenant other = seen.putIfAbsent(key, t);
    if (other != null && other != t) {
      out.error(
          Codes.TENANT_COLLISION,
          file.locate(t.pointer() + "/id"),
          "tenants '"
              + other.id()
              + "' ("
              + where(file, other)
              + ") and '"
              + t.id()
              + "' would share the "
              + what,
          "rename one of them (or give it another secret_prefix or domain)");
      return true;
    }
    return false;
  }

  private static String where(SourceDocument file, Tenant t) {
    var at = file.locate(t.pointer());
    return "line " + at.line();
  }

  /**
   * Every tenant × environment, in file order; {@code only} (ids) narrows it. An id in {@code only}
   * that the file does not have is an error.
   */
  public Optional<List<Instance>> instances(Set<String> only, Diagnostics diagnostics) {
    for (String id : new java.util.TreeSet<>(only)) {
      if (!ids().contains(id)) {
        diagnostics.error(
            Codes.VALUE_NOT_ALLOWED,
            s2c.diag.SourceLocation.file(name),
            "--only names tenant '" + id + "', which the tenants file does not list",
            "tenants: " + String.join(", ", ids()));
      }
    }
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    byte[] defaultsLayer = JsonOutput.write(defaults).getBytes(StandardCharsets.UTF_8);
    List<Instance> out = new ArrayList<>();
    for (Tenant t : tenants) {
      if (!only.isEmpty() && !only.contains(t.id())) {
        continue;
      }
      for (String env : t.environments()) {
        out.add(
            new Instance(
                t.id(),
                env,
                List.of(
                    new Layer(name + " (defaults)", defaultsLayer),
                    new Layer(name + " (tenant " + t.id() + ")", layer(t, env)))));
      }
    }
    return Optional.of(out);
  }

  /** The tenant's values, then what the file says of it: domain, region, environment, tenant. */
  private static byte[] layer(Tenant t, String env) {
    ObjectNode layer = (ObjectNode) t.values().deepCopy();
    domain(t, env).ifPresent(d -> layer.put("domain", d));
    t.region().ifPresent(r -> layer.put("region", r));
    layer.put("environment", env);
    Map<String, Object> tenant = new LinkedHashMap<>();
    tenant.put("id", t.id());
    tenant.put("secret_prefix", t.secretPrefix());
    layer.set("tenant", JsonOutput.mapper().valueToTree(tenant));
    return JsonOutput.write(layer).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A tenant's domain serves its production environment (or its only one); another environment
   * answers at {@code <env>.<domain>}, so no two deployments share a host name.
   */
  static Optional<String> domain(Tenant t, String env) {
    boolean main = t.environments().size() == 1 || env.equals("prod") || env.equals("production");
    return t.domain().map(d -> main ? d : env + "." + d);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.path(field).isString()
        ? Optional.of(node.path(field).asString())
        : Optional.empty();
  }

  private static List<String> strings(JsonNode array, List<String> otherwise) {
    if (!array.isArray()) {
      return otherwise;
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return List.copyOf(out);
  }
}
