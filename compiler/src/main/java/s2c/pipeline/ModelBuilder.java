package s2c.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
import s2c.model.BackingResource;
import s2c.model.Build;
import s2c.model.Deployment;
import s2c.model.Expose;
import s2c.model.Guardrails;
import s2c.model.HealthCheck;
import s2c.model.Migration;
import s2c.model.Port;
import s2c.model.ResourceMode;
import s2c.model.SecretRef;
import s2c.model.Service;
import s2c.model.ServiceType;
import s2c.model.Size;
import s2c.model.SourceRepo;
import s2c.model.StateBackend;
import s2c.spi.EnvTemplates;
import tools.jackson.databind.JsonNode;

/**
 * Turns schema-valid input trees into the immutable {@link Deployment}: checks what a schema cannot
 * (unique ids, safe names, known references, no dependency cycles, secret classes), applies values,
 * and maps the secrets plan. Reports every problem it finds; returns a model only when none is an
 * error.
 */
public final class ModelBuilder {
  private final ModelInputs in;
  private final Diagnostics diagnostics;
  private final JsonNode bundle;
  private final Locator at;
  private final JsonNode values;
  private final Locator valuesAt;

  private ModelBuilder(ModelInputs in, Diagnostics diagnostics) {
    this.in = in;
    this.diagnostics = diagnostics;
    this.bundle = in.bundle();
    this.at = in.bundleLocator();
    this.values = in.values();
    this.valuesAt = in.valuesLocator();
  }

  public static Optional<Deployment> build(ModelInputs in, Diagnostics diagnostics) {
    return new ModelBuilder(in, diagnostics).run();
  }

  private Optional<Deployment> run() {
    int errorsBefore = (int) diagnostics.all().stream().filter(d -> d.isError()).count();
    String scenario = scenarioSlug();
    String environment = environment();
    noteDesktopOnlyFields();
    Map<String, JsonNode> servicesById = serviceIndex();
    checkDependencies(servicesById);
    Set<String> resourceNames = new TreeSet<>();
    List<BackingResource> resources = resources(resourceNames);
    checkOverrideTargets("/services", servicesById.keySet(), "service");
    checkOverrideTargets("/resources", resourceNames, "resource");
    List<SecretRef> secrets =
        new SecretsPlanner(bundle, at, in.secretsPlan(), servicesById, resourceNames, diagnostics)
            .plan();
    checkValuesCarryNoSecrets(secrets, resources);
    List<Service> services = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : new TreeMap<>(servicesById).entrySet()) {
      services.add(service(entry.getKey(), entry.getValue(), servicesById));
    }
    long errorsAfter = diagnostics.all().stream().filter(d -> d.isError()).count();
    if (errorsAfter > errorsBefore) {
      return Optional.empty();
    }
    TreeMap<String, Map<String, Object>> providerSettings = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it =
            values.path("providers").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> provider = it.next();
      providerSettings.put(provider.getKey(), PlainValues.of(provider.getValue()));
    }
    return Optional.of(
        new Deployment(
            scenario,
            bundle.path("app").path("version").asString(),
            bundle.path("app").path("description").asString(""),
            environment,
            text(values, "region"),
            text(values, "domain"),
            text(values.path("project"), "name"),
            services,
            resources,
            secrets,
            stateBackend(scenario, environment, tenant()),
            source(),
            text(bundle.path("telemetry"), "upload_url").filter(u -> !u.isBlank()),
            providerSettings,
            in.inputDigest(),
            in.inputName(),
            guardrails(),
            tenant()));
  }

  private Guardrails guardrails() {
    JsonNode g = values.path("guardrails");
    Guardrails none = Guardrails.none();
    if (!g.isObject()) {
      return none;
    }
    return new Guardrails(
        g.path("max_monthly_usd").isNumber()
            ? Optional.of(
                new Guardrails.Limit<>(
                    g.path("max_monthly_usd").decimalValue(),
                    valuesAt.locate("/guardrails/max_monthly_usd")))
            : Optional.empty(),
        g.path("max_replicas").isIntegralNumber()
            ? Optional.of(
                new Guardrails.Limit<>(
                    g.path("max_replicas").asInt(), valuesAt.locate("/guardrails/max_replicas")))
            : Optional.empty(),
        g.path("allow_regions").isArray()
            ? Optional.of(
                new Guardrails.Limit<>(
                    g.path("allow_regions").valueStream().map(JsonNode::asString).toList(),
                    valuesAt.locate("/guardrails/allow_regions")))
            : Optional.empty(),
        g.path("max_increase_pct").isNumber()
            ? new Guardrails.Limit<>(
                g.path("max_increase_pct").decimalValue(),
                valuesAt.locate("/guardrails/max_increase_pct"))
            : none.maxIncreasePct(),
        g.path("max_instance_size").isObject()
            ? Optional.of(
                new Guardrails.Limit<>(
                    new Size(
                        g.path("max_instance_size").path("cpu").isNumber()
                            ? Optional.of(g.path("max_instance_size").path("cpu").decimalValue())
                            : Optional.empty(),
                        text(g.path("max_instance_size"), "memory").map(ModelBuilder::mebibytes)),
                    valuesAt.locate("/guardrails/max_instance_size")))
            : Optional.empty(),
        g.path("auto_rollback").asBoolean(false));
  }

  private String scenarioSlug() {
    String name = bundle.path("app").path("name").asString();
    String slug = Identifiers.slug(name);
    if (!Identifiers.isSlug(slug)) {
      diagnostics.error(
          Codes.BAD_IDENTIFIER,
          at.locate("/app/name"),
          "app name " + Identifiers.quote(name) + " cannot name a deployment",
          "use letters, digits, spaces and '-' (it becomes the directory and resource name '"
              + slug.replaceAll("[^a-z0-9-]", "")
              + "')");
    }
    return slug;
  }

  private String environment() {
    String env = in.environmentFlag().orElseGet(() -> values.path("environment").asString("dev"));
    if (!env.matches("^[a-z][a-z0-9-]{0,19}$")) {
      diagnostics.error(
          Codes.BAD_IDENTIFIER,
          SourceLocation.file("--env"),
          "environment name " + Identifiers.quote(env) + " is not allowed",
          "use lowercase letters, digits and '-', starting with a letter (dev, staging, prod)");
      return "invalid";
    }
    return env;
  }

  private void noteDesktopOnlyFields() {
    if (!"desktop".equals(bundle.path("target").asString())) {
      return;
    }
    for (String field : List.of("ipc", "code_signing", "ports")) {
      if (bundle.has(field)) {
        diagnostics.info(
            Codes.DESKTOP_FIELD_IGNORED,
            at.locate("/" + field),
            "desktop-only field '" + field + "' is ignored for cloud targets",
            null);
      }
    }
    if (bundle.path("telemetry").has("file")) {
      diagnostics.info(
          Codes.DESKTOP_FIELD_IGNORED,
          at.locate("/telemetry/file"),
          "telemetry.file is a desktop log path and is ignored; cloud status goes to telemetry.upload_url",
          null);
    }
    JsonNode services = bundle.path("services");
    for (int i = 0; i < services.size(); i++) {
      for (String field : List.of("assets", "log_dir")) {
        if (services.get(i).has(field)) {
          diagnostics.info(
              Codes.DESKTOP_FIELD_IGNORED,
              at.locate("/services/" + i + "/" + field),
              "desktop-only field '"
                  + field
                  + "' of service '"
                  + services.get(i).path("id").asString()
                  + "' is ignored",
              null);
        }
      }
    }
    JsonNode swaps = bundle.path("swaps");
    for (int i = 0; i < swaps.size(); i++) {
      diagnostics.info(
          Codes.SWAP_NOTED,
          at.locate("/swaps/" + i),
          "desktop swap "
              + swaps.get(i).path("original").asString()
              + " -> "
              + swaps.get(i).path("replacement").asString()
              + " is kept: the cloud deployment runs the bundle's services as declared",
          null);
    }
  }

  private Map<String, JsonNode> serviceIndex() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    JsonNode services = bundle.path("services");
    for (int i = 0; i < services.size(); i++) {
      JsonNode svc = services.get(i);
      String id = svc.path("id").asString();
      String pointer = "/services/" + i + "/id";
      if (!Identifiers.isValid(id)) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            at.locate(pointer),
            "service id " + Identifiers.quote(id) + " is not allowed",
            "use letters, digits, '-', '_' and '.', starting with a letter or digit");
        continue;
      }
      if (byId.containsKey(id)) {
        diagnostics.error(
            Codes.DUPLICATE_ID,
            at.locate(pointer),
            "duplicate service id '" + id + "'",
            "service ids must be unique");
        continue;
      }
      byId.put(id, svc);
      JsonNode ports = svc.path("ports").path("requested");
      Set<String> portNames = new HashSet<>();
      for (int p = 0; p < ports.size(); p++) {
        String name = ports.get(p).path("name").asString();
        String portPointer = "/services/" + i + "/ports/requested/" + p + "/name";
        if (!Identifiers.isValid(name)) {
          diagnostics.error(
              Codes.BAD_IDENTIFIER,
              at.locate(portPointer),
              "port name " + Identifiers.quote(name) + " is not allowed",
              null);
        } else if (!portNames.add(name)) {
          diagnostics.error(
              Codes.DUPLICATE_ID,
              at.locate(portPointer),
              "duplicate port name '" + name + "' in service '" + id + "'",
              null);
        }
        JsonNode range = ports.get(p).path("range");
        if (range.path("min").asInt() > range.path("max").asInt()) {
          diagnostics.error(
              Codes.VALUE_NOT_ALLOWED,
              at.locate("/services/" + i + "/ports/requested/" + p + "/range"),
              "port range min is greater than max",
              null);
        }
      }
      String healthPort = svc.path("health").path("port_name").asString("");
      if (!healthPort.isEmpty() && !portNames.contains(healthPort)) {
        diagnostics.error(
            Codes.UNKNOWN_PORT,
            at.locate("/services/" + i + "/health/port_name"),
            "health check uses port '"
                + healthPort
                + "' which service '"
                + id
                + "' does not request",
            Suggestions.didYouMean(healthPort, portNames));
      }
      JsonNode routes = svc.path("expose").path("routes");
      for (int r = 0; r < routes.size(); r++) {
        String routePort = routes.get(r).path("port_name").asString("");
        if (!portNames.contains(routePort)) {
          diagnostics.error(
              Codes.UNKNOWN_PORT,
              at.locate("/services/" + i + "/expose/routes/" + r + "/port_name"),
              "route "
                  + routes.get(r).path("path").asString("")
                  + " goes to port '"
                  + routePort
                  + "' which service '"
                  + id
                  + "' does not request",
              Suggestions.didYouMean(routePort, portNames));
        }
      }
    }
    return byId;
  }

  private int indexOf(String id) {
    JsonNode services = bundle.path("services");
    for (int i = 0; i < services.size(); i++) {
      if (id.equals(services.get(i).path("id").asString())) {
        return i;
      }
    }
    return -1;
  }

  private void checkDependencies(Map<String, JsonNode> services) {
    Set<String> resourceNames = new HashSet<>();
    bundle
        .path("resources")
        .forEach(r -> resourceNames.add(r.path("name").asString(r.path("type").asString())));
    Set<String> swapped = new HashSet<>();
    bundle.path("swaps").forEach(s -> swapped.add(s.path("original").asString()));
    for (Map.Entry<String, JsonNode> entry : services.entrySet()) {
      int i = indexOf(entry.getKey());
      JsonNode deps = entry.getValue().path("dependencies");
      for (int d = 0; d < deps.size(); d++) {
        String dep = deps.get(d).asString();
        if (!services.containsKey(dep) && !resourceNames.contains(dep)) {
          Set<String> known = new TreeSet<>(services.keySet());
          known.addAll(resourceNames);
          diagnostics.error(
              Codes.UNKNOWN_DEPENDENCY,
              at.locate("/services/" + i + "/dependencies/" + d),
              "service '"
                  + entry.getKey()
                  + "' depends on unknown service or resource '"
                  + dep
                  + "'",
              Suggestions.didYouMean(dep, known));
        }
      }
      JsonNode env = entry.getValue().path("env");
      for (Iterator<Map.Entry<String, JsonNode>> it = env.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> var = it.next();
        for (String ref : EnvTemplates.references(var.getValue().asString())) {
          checkTemplate(ref, services, at.locate("/services/" + i + "/env/" + var.getKey()));
        }
      }
    }
    findCycle(services)
        .ifPresent(
            cycle ->
                diagnostics.error(
                    Codes.DEPENDENCY_CYCLE,
                    at.locate("/services/" + indexOf(cycle.get(0)) + "/dependencies"),
                    "services depend on each other in a cycle: " + String.join(" -> ", cycle),
                    "break the cycle: a service cannot wait for itself to be ready"));
  }

  private void checkTemplate(String ref, Map<String, JsonNode> services, SourceLocation where) {
    if (ref.equals("data")) {
      return;
    }
    int dot = ref.indexOf('.');
    if (dot <= 0) {
      diagnostics.error(
          Codes.UNKNOWN_PORT,
          where,
          "unknown template ${" + ref + "}",
          "templates are ${data} and ${service.port}");
      return;
    }
    String service = ref.substring(0, dot);
    String port = ref.substring(dot + 1);
    JsonNode svc = services.get(service);
    if (svc == null) {
      diagnostics.error(
          Codes.UNKNOWN_PORT,
          where,
          "template ${" + ref + "} names unknown service '" + service + "'",
          Suggestions.didYouMean(service, services.keySet()));
      return;
    }
    Set<String> ports = new TreeSet<>();
    svc.path("ports").path("requested").forEach(p -> ports.add(p.path("name").asString()));
    if (!ports.contains(port)) {
      diagnostics.error(
          Codes.UNKNOWN_PORT,
          where,
          "template ${"
              + ref
              + "} names port '"
              + port
              + "' that service '"
              + service
              + "' does not request",
          Suggestions.didYouMean(port, ports));
    }
  }

  /** The first cycle in id order, as a path that starts and ends at the same service. */
  static Optional<List<String>> findCycle(Map<String, JsonNode> services) {
    Map<String, Integer> state = new TreeMap<>();
    for (String id : new TreeSet<>(services.keySet())) {
      List<String> stack = new ArrayList<>();
      Optional<List<String>> cycle = visit(id, services, state, stack);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(
      String id, Map<String, JsonNode> services, Map<String, Integer> state, List<String> stack) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return Optional.empty();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
      cycle.add(id);
      return Optional.of(cycle);
    }
    state.put(id, 1);
    stack.add(id);
    TreeSet<String> deps = new TreeSet<>();
    services.get(id).path("dependencies").forEach(d -> deps.add(d.asString()));
    for (String dep : deps) {
      if (services.containsKey(dep)) {
        Optional<List<String>> cycle = visit(dep, services, state, stack);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    stack.remove(stack.size() - 1);
    state.put(id, 2);
    return Optional.empty();
  }

  private List<BackingResource> resources(Set<String> names) {
    List<BackingResource> out = new ArrayList<>();
    JsonNode list = bundle.path("resources");
    TreeMap<String, BackingResource> byName = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String type = r.path("type").asString();
      String name = r.path("name").asString(type);
      String pointer = "/resources/" + i;
      if (!Identifiers.isValid(name) || !Identifiers.isValid(type)) {
        diagnostics.error(
            Codes.BAD_IDENTIFIER,
            at.locate(pointer),
            "resource name " + Identifiers.quote(name) + " is not allowed",
            null);
        continue;
      }
      if (byName.containsKey(name)) {
        diagnostics.error(
            Codes.DUPLICATE_ID,
            at.locate(pointer),
            "duplicate resource '" + name + "'",
            "give each resource a unique name");
        continue;
      }
      JsonNode v = values.path("resources").path(name);
      ResourceMode mode =
          v.has("mode") ? ResourceMode.fromWire(v.path("mode").asString()) : ResourceMode.DEFAULT;
      byName.put(
          name,
          new BackingResource(
              name,
              type,
              r.path("required").asBoolean(true),
              text(v, "version").or(() -> text(r, "version")),
              mode,
              text(v, "size"),
              v.path("node_count").asInt(1),
              v.path("ha").isBoolean() ? Optional.of(v.path("ha").asBoolean()) : Optional.empty(),
              text(v, "image"),
              text(v, "endpoint_variable"),
              at.locate(pointer)));
    }
    names.addAll(byName.keySet());
    out.addAll(byName.values());
    return out;
  }

  private void checkOverrideTargets(String pointer, Set<String> known, String what) {
    for (Iterator<String> it = values.path(pointer.substring(1)).propertyNames().iterator();
        it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        diagnostics.error(
            Codes.UNKNOWN_OVERRIDE_TARGET,
            valuesAt.locate(pointer + "/" + key),
            "values override unknown " + what + " '" + key + "'",
            Suggestions.didYouMean(key, known));
      }
    }
  }

  /**
   * An env that a secret fills can never also get a plain value: not from values or --set, and not
   * from the bundle's own env (which would land in clear beside, or instead of, the secret). Names
   * compare case-insensitively. Values also may not set the credentials a provisioned resource owns
   * (its password and the URLs that carry it).
   */
  private void checkValuesCarryNoSecrets(List<SecretRef> secrets, List<BackingResource> resources) {
    Map<String, String> secretEnv = new TreeMap<>();
    secrets.forEach(s -> secretEnv.put(s.targetName().toUpperCase(Locale.ROOT), s.id()));
    Map<String, String> owned = new TreeMap<>(secretEnv);
    for (BackingResource r : resources) {
      if (r.mode() == ResourceMode.DISABLED) {
        continue;
      }
      for (String name : List.of(r.type(), r.name())) {
        String stem = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        owned.put(stem + "_PASSWORD", "the password of resource '" + r.name() + "'");
        owned.put(stem + "_URL", "the URL (with credentials) of resource '" + r.name() + "'");
      }
      if (List.of("postgres", "postgresql", "mysql", "mongodb")
          .contains(r.type().toLowerCase(Locale.ROOT))) {
        owned.put("DATABASE_URL", "the URL (with credentials) of resource '" + r.name() + "'");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = values.path("services").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> svc = it.next();
      for (Iterator<String> keys = svc.getValue().path("env").propertyNames().iterator();
          keys.hasNext(); ) {
        String key = keys.next();
        String owner = owned.get(key.toUpperCase(Locale.ROOT));
        if (owner != null) {
          diagnostics.error(
              Codes.SECRET_VALUE_GIVEN,
              valuesAt.locate("/services/" + svc.getKey() + "/env/" + key),
              "values set "
                  + key
                  + ", which is a secret ("
                  + describe(owner, secretEnv)
                  + "); secret values are never accepted as input",
              "remove it: the rendered deployment reads "
                  + key
                  + " from the secret store or the CI environment");
        }
      }
    }
    JsonNode services = bundle.path("services");
    for (int i = 0; i < services.size(); i++) {
      JsonNode svc = services.get(i);
      Set<String> uses = new HashSet<>();
      svc.path("secrets").forEach(n -> uses.add(n.asString()));
      for (Iterator<String> keys = svc.path("env").propertyNames().iterator(); keys.hasNext(); ) {
        String key = keys.next();
        String secret = secretEnv.get(key.toUpperCase(Locale.ROOT));
        if (secret != null
            && (uses.contains(secret)
                || secrets.stream()
                    .anyMatch(
                        s ->
                            s.id().equals(secret)
                                && s.usedBy().contains(svc.path("id").asString())))) {
          diagnostics.error(
              Codes.SECRET_VALUE_GIVEN,
              at.locate("/services/" + i + "/env/" + key),
              "env "
                  + key
                  + " of service '"
                  + svc.path("id").asString()
                  + "' has a plain value, but secret '"
                  + secret
                  + "' fills it",
              "remove the env entry: the secret is delivered by reference, never as a plain value");
        }
      }
    }
  }

  private static String describe(String owner, Map<String, String> secretEnv) {
    return secretEnv.containsValue(owner) ? "secret '" + owner + "'" : owner;
  }

  private Service service(String id, JsonNode svc, Map<String, JsonNode> all) {
    int i = indexOf(id);
    JsonNode v = values.path("services").path(id);
    ServiceType type = ServiceType.fromWire(svc.path("type").asString());
    List<Port> ports = new ArrayList<>();
    for (JsonNode p : svc.path("ports").path("requested")) {
      // values may pin the service's main (first) port, as a CloudManifest's ports do
      int number =
          ports.isEmpty() && v.path("port").isNumber()
              ? v.path("port").asInt()
              : p.path("range").path("min").asInt();
      ports.add(new Port(p.path("name").asString(), number, text(p, "env_var")));
    }
    JsonNode h = svc.path("health");
    HealthCheck health =
        new HealthCheck(
            HealthCheck.Kind.valueOf(h.path("type").asString().toUpperCase(java.util.Locale.ROOT)),
            h.path("path").asString("/"),
            h.path("port_name").asString(ports.isEmpty() ? "" : ports.get(0).name()),
            strings(h.path("command")),
            h.path("interval_ms").asInt(10000),
            h.path("timeout_ms").asInt(5000),
            h.path("retries").asInt(3),
            h.path("initial_delay_ms").asInt(0));
    TreeMap<String, String> env = new TreeMap<>();
    svc.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    v.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    List<Migration> migrations = new ArrayList<>();
    for (JsonNode m : svc.path("migrations")) {
      TreeMap<String, String> menv = new TreeMap<>();
      m.path("env").properties().forEach(e -> menv.put(e.getKey(), e.getValue().asString()));
      migrations.add(
          new Migration(
              m.path("version").asString(),
              strings(m.path("command")),
              menv,
              m.path("run_on").asString("always")));
    }
    Optional<Build> build =
        svc.has("build")
            ? Optional.of(
                new Build(
                    svc.path("build").path("type").asString(),
                    svc.path("build").path("source_dir").asString(),
                    text(svc.path("build"), "command")))
            : Optional.empty();
    JsonNode valueRoutes = v.path("expose").path("routes");
    for (int r = 0; r < valueRoutes.size(); r++) {
      String routePort = valueRoutes.get(r).path("port_name").asString("");
      if (ports.stream().noneMatch(p -> p.name().equals(routePort))) {
        diagnostics.error(
            Codes.UNKNOWN_PORT,
            valuesAt.locate("/services/" + id + "/expose/routes/" + r + "/port_name"),
            "route "
                + valueRoutes.get(r).path("path").asString("")
                + " goes to port '"
                + routePort
                + "' which service '"
                + id
                + "' does not request",
            Suggestions.didYouMean(routePort, ports.stream().map(Port::name).toList()));
      }
    }
    JsonNode exposeNode = v.has("expose") ? v.path("expose") : svc.path("expose");
    Optional<Expose> expose =
        exposeNode.isObject()
            ? Optional.of(
                new Expose(
                    exposeNode.path("path").asString("/"),
                    text(exposeNode, "port_name"),
                    exposeNode.path("preserve_path_prefix").asBoolean(false),
                    ExposeRoutes.of(exposeNode, ports, health)))
            : Optional.empty();
    JsonNode sizeNode = v.has("size") ? v.path("size") : svc.path("size");
    Size size =
        new Size(
            sizeNode.path("cpu").isNumber()
                ? Optional.of(new BigDecimal(sizeNode.path("cpu").asString()))
                : Optional.empty(),
            text(sizeNode, "memory").map(ModelBuilder::mebibytes));
    List<String> command =
        v.has("command") ? strings(v.path("command")) : strings(svc.path("command"));
    List<String> deps = new ArrayList<>(new TreeSet<>(strings(svc.path("dependencies"))));
    TreeMap<String, String> binaries = new TreeMap<>();
    svc.path("binaries")
        .properties()
        .forEach(e -> binaries.put(e.getKey(), e.getValue().path("path").asString()));
    return new Service(
        id,
        type,
        svc.path("description").asString(""),
        text(v, "image").or(() -> text(svc, "image")),
        build,
        command,
        strings(svc.path("metadata").path("develop_command")),
        env,
        new ArrayList<>(new TreeSet<>(strings(svc.path("secrets")))),
        strings(svc.path("data_dirs")),
        ports,
        health,
        deps,
        migrations,
        v.path("replicas").asInt(svc.path("replicas").asInt(1)),
        size,
        expose,
        svc.path("critical").asBoolean(true),
        binaries,
        v.path("volume").isObject()
            ? Optional.of(
                new s2c.model.Volume(
                    v.path("volume").path("size").asString(),
                    v.path("volume")
                        .path("access_mode")
                        .asString(s2c.model.Volume.READ_WRITE_ONCE)))
            : Optional.empty(),
        at.locate("/services/" + i));
  }

  private Optional<Deployment.Tenant> tenant() {
    JsonNode t = values.path("tenant");
    return text(t, "id").map(id -> new Deployment.Tenant(id, text(t, "secret_prefix").orElse(id)));
  }

  private Optional<StateBackend> stateBackend(
      String scenario, String environment, Optional<Deployment.Tenant> tenant) {
    JsonNode sb = values.path("state_backend");
    if (!sb.isObject()) {
      return Optional.empty();
    }
    // the fields each type needs are required by the values schema (Target.stateBackends)
    String type = sb.path("type").asString("local");
    String prefix = sb.path("key_prefix").asString("");
    String key =
        (prefix.isEmpty() ? "" : prefix.replaceAll("/+$", "") + "/")
            + scenario
            + tenant.map(t -> "/" + t.id()).orElse("")
            + "/"
            + environment
            + "/terraform.tfstate";
    return Optional.of(new StateBackend(type, text(sb, "bucket"), text(sb, "region"), key));
  }

  private Optional<SourceRepo> source() {
    JsonNode repo = bundle.path("repository");
    JsonNode v = values.path("source");
    Optional<String> url = text(v, "repository").or(() -> text(repo, "url"));
    return url.map(
        u ->
            new SourceRepo(
                u,
                text(v, "branch").or(() -> text(repo, "branch")).orElse("main"),
                text(v, "directory").or(() -> text(repo, "directory")).orElse("")));
  }

  static int mebibytes(String quantity) {
    int n = Integer.parseInt(quantity.substring(0, quantity.length() - 2));
    return quantity.endsWith("Gi") ? n * 1024 : n;
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isString() || v.isNumber() ? Optional.of(v.asString()) : Optional.empty();
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
