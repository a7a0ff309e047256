package s2c.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a cloud-profile bundle from a Vrooli scenario's {@code .vrooli/service.json}, following
 * the conventions Vrooli scenarios use:
 *
 * <ul>
 *   <li>the {@code api} and {@code ui} ports are services living in the {@code api/} and {@code
 *       ui/} directories; any other port (websocket, metrics...) is an extra port of the API
 *       process;
 *   <li>a {@code lifecycle.health.checks[]} entry whose target mentions the port's env var gives
 *       the health check; otherwise {@code lifecycle.health.endpoints};
 *   <li>setup steps {@code cd <dir> && ...} give the build command, background develop steps {@code
 *       cd <dir> && ...} give the run command;
 *   <li>{@code dependencies.resources} that are enabled become backing resources;
 *   <li>{@code service.repository} says where the provider builds the source from.
 * </ul>
 *
 * Every generated value remembers the service.json pointer it came from, so diagnostics about the
 * bundle point into service.json.
 */
public final class ScenarioDirConverter {
  private static final Pattern CD_STEP =
      Pattern.compile("^cd\\s+([A-Za-z0-9_./-]+)\\s*&&\\s*(.+)$");

  /**
   * {@code if [ -f ui/package.json ]; then cd ui && npm run build; else echo ...; fi}: a guarded
   * step of one directory.
   */
  private static final Pattern GUARDED_STEP =
      Pattern.compile(
          "^if\\s+\\[\\s+-[fde]\\s+[A-Za-z0-9_./-]+\\s+\\];\\s*then\\s+(cd\\s+[A-Za-z0-9_./-]+\\s*&&\\s*[^;]+?)\\s*;\\s*(else\\s+[^;]*;\\s*)?fi$");

  private static final Pattern URL_PATH = Pattern.compile("^https?://[^/]+(/[^?#]*)?");

  private final SourceDocument serviceJson;
  private final Diagnostics diagnostics;
  private final Map<String, String> origins = new HashMap<>();
  private final JsonNodeFactory f = JsonNodeFactory.instance;

  private ScenarioDirConverter(SourceDocument serviceJson, Diagnostics diagnostics) {
    this.serviceJson = serviceJson;
    this.diagnostics = diagnostics;
  }

  /** The bundle plus a locator that maps its pointers to service.json positions. */
  public record Converted(ObjectNode bundle, Locator locator) {}

  public static Optional<Converted> convert(SourceDocument serviceJson, Diagnostics diagnostics) {
    return new ScenarioDirConverter(serviceJson, diagnostics).run();
  }

  private Optional<Converted> run() {
    JsonNode root = serviceJson.root();
    JsonNode service = root.path("service");
    if (!service.isObject() || !service.path("name").isString()) {
      diagnostics.error(
          Codes.SCENARIO_DIR,
          serviceJson.locate("/service/name"),
          "service.json has no service.name",
          "a Vrooli service.json names its scenario in service.name");
      return Optional.empty();
    }
    ObjectNode bundle = f.objectNode();
    bundle.put("schema_version", "v0.1");
    bundle.put("target", "cloud");
    ObjectNode app = bundle.putObject("app");
    put(app, "/app", "name", service.path("name").asString(), "/service/name");
    String version = service.path("version").asString(root.path("version").asString("0.0.0"));
    put(app, "/app", "version", version, "/service/version");
    if (service.path("description").isString()) {
      put(
          app,
          "/app",
          "description",
          service.path("description").asString(),
          "/service/description");
    }
    JsonNode repo = service.path("repository");
    if (repo.path("url").isString()) {
      ObjectNode repository = bundle.putObject("repository");
      put(repository, "/repository", "url", repo.path("url").asString(), "/service/repository/url");
      String dir = repo.path("directory").asString("");
      if (!dir.isEmpty()) {
        put(
            repository,
            "/repository",
            "directory",
            trimSlashes(dir),
            "/service/repository/directory");
      }
    }
    ArrayNode services = bundle.putArray("services");
    JsonNode ports = root.path("ports");
    JsonNode health = root.path("lifecycle").path("health");
    List<String> extraPorts = new ArrayList<>();
    for (Iterator<String> it = ports.propertyNames().iterator(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("api") && !key.equals("ui")) {
        extraPorts.add(key);
      }
    }
    boolean hasApi = ports.has("api");
    for (String key : List.of("api", "ui")) {
      if (!ports.has(key)) {
        continue;
      }
      String pointer = "/services/" + services.size();
      ObjectNode svc = services.addObject();
      origins.put(pointer, "/ports/" + key);
      svc.put("id", key);
      svc.put("type", key.equals("ui") ? "ui-bundle" : "api-binary");
      if (ports.path(key).path("description").isString()) {
        svc.put("description", ports.path(key).path("description").asString());
      }
      ArrayNode requested = svc.putObject("ports").putArray("requested");
      addPort(requested, pointer + "/ports/requested/0", "http", key, ports.path(key));
      if (key.equals("api")) {
        for (String extra : extraPorts) {
          addPort(
              requested,
              pointer + "/ports/requested/" + requested.size(),
              extra,
              extra,
              ports.path(extra));
        }
      }
      svc.set("health", health(key, ports.path(key), health, pointer + "/health"));
      buildAndCommand(svc, key, root.path("lifecycle"), pointer);
      ObjectNode expose = svc.putObject("expose");
      expose.put("path", key.equals("ui") ? "/" : "/api");
      if (key.equals("api")) {
        expose.put("preserve_path_prefix", true);
      }
      if (key.equals("ui") && hasApi) {
        svc.putArray("dependencies").add("api");
      }
      svc.put("critical", !key.equals("ui"));
    }
    if (services.isEmpty()) {
      diagnostics.error(
          Codes.SCENARIO_DIR,
          serviceJson.locate("/ports"),
          "service.json declares neither an 'api' nor a 'ui' port, so there is no service to deploy",
          "declare ports.api and/or ports.ui with env_var and range");
      return Optional.empty();
    }
    java.util.Set<String> deployed = new java.util.TreeSet<>();
    for (String key : List.of("api", "ui")) {
      if (ports.has(key)) {
        deployed.add(key);
      }
    }
    reportUnusedSteps(root.path("lifecycle"), deployed);
    ArrayNode resources = f.arrayNode();
    JsonNode deps = root.path("dependencies").path("resources");
    for (Iterator<Map.Entry<String, JsonNode>> it = deps.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> dep = it.next();
      if (!dep.getValue().path("enabled").asBoolean(true)) {
        continue;
      }
      origins.put("/resources/" + resources.size(), "/dependencies/resources/" + dep.getKey());
      ObjectNode resource = resources.addObject();
      resource.put("name", dep.getKey());
      resource.put("type", dep.getValue().path("type").asString(dep.getKey()));
      resource.put("required", dep.getValue().path("required").asBoolean(true));
      String purpose =
          dep.getValue().path("purpose").asString(dep.getValue().path("description").asString(""));
      if (!purpose.isEmpty()) {
        resource.put("purpose", purpose);
      }
    }
    if (!resources.isEmpty()) {
      bundle.set("resources", resources);
    }
    Locator locator = Locator.converted(serviceJson, origins);
    return Optional.of(new Converted(bundle, locator));
  }

  private void put(ObjectNode node, String pointer, String key, String value, String origin) {
    node.put(key, value);
    origins.put(pointer + "/" + key, origin);
  }

  private void addPort(
      ArrayNode requested, String pointer, String name, String key, JsonNode port) {
    origins.put(pointer, "/ports/" + key);
    ObjectNode p = requested.addObject();
    p.put("name", name);
    int[] range = parseRange(port.path("range").asString(""), port.path("port").asInt(0));
    ObjectNode r = p.putObject("range");
    r.put("min", range[0]);
    r.put("max", range[1]);
    if (port.path("env_var").isString()) {
      p.put("env_var", port.path("env_var").asString());
    }
  }

  private int[] parseRange(String text, int fixed) {
    Matcher m = Pattern.compile("^(\\d{1,5})\\s*-\\s*(\\d{1,5})$").matcher(text.trim());
    if (m.matches()) {
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
    if (text.trim().matches("\\d{1,5}")) {
      int p = Integer.parseInt(text.trim());
      return new int[] {p, p};
    }
    if (fixed > 0) {
      return new int[] {fixed, fixed};
    }
    return new int[] {8080, 8080};
  }

  private ObjectNode health(String key, JsonNode port, JsonNode health, String pointer) {
    ObjectNode h = f.objectNode();
    String envVar = port.path("env_var").asString("");
    JsonNode checks = health.path("checks");
    for (int i = 0; i < checks.size(); i++) {
      JsonNode check = checks.get(i);
      String target = check.path("target").asString("");
      if (!envVar.isEmpty()
          && target.contains("${" + envVar + "}")
          && "http".equals(check.path("type").asString(""))) {
        origins.put(pointer, "/lifecycle/health/checks/" + i);
        Matcher m = URL_PATH.matcher(target.replace("${" + envVar + "}", "1"));
        h.put("type", "http");
        h.put("path", m.find() && m.group(1) != null ? m.group(1) : "/");
        h.put("port_name", "http");
        h.put("interval_ms", check.path("interval").asInt(health.path("interval").asInt(30000)));
        h.put("timeout_ms", check.path("timeout").asInt(health.path("timeout").asInt(5000)));
        h.put("retries", 3);
        if (health.path("startup_grace_period").isNumber()) {
          h.put("initial_delay_ms", health.path("startup_grace_period").asInt());
        }
        return h;
      }
    }
    String endpoint = health.path("endpoints").path(key).asString("");
    if (!endpoint.isEmpty()) {
      origins.put(pointer, "/lifecycle/health/endpoints/" + key);
      h.put("type", "http");
      h.put("path", endpoint);
    } else {
      origins.put(pointer, "/ports/" + key);
      h.put("type", "tcp");
    }
    h.put("port_name", "http");
    h.put("interval_ms", health.path("interval").asInt(30000));
    h.put("timeout_ms", health.path("timeout").asInt(5000));
    h.put("retries", 3);
    if (health.path("startup_grace_period").isNumber()) {
      h.put("initial_delay_ms", health.path("startup_grace_period").asInt());
    }
    return h;
  }

  private void buildAndCommand(ObjectNode svc, String key, JsonNode lifecycle, String pointer) {
    List<String> buildSteps = new ArrayList<>();
    JsonNode setup = lifecycle.path("setup").path("steps");
    for (JsonNode step : setup) {
      Matcher m = CD_STEP.matcher(unguarded(step.path("run").asString("")));
      if (m.matches() && trimSlashes(m.group(1)).equals(key)) {
        buildSteps.add(m.group(2).trim());
      }
    }
    ObjectNode build = svc.putObject("build");
    build.put("type", key.equals("api") ? "go" : "npm");
    build.put("source_dir", key);
    if (!buildSteps.isEmpty()) {
      build.put("command", String.join(" && ", buildSteps));
    }
    JsonNode develop = lifecycle.path("develop").path("steps");
    for (int i = 0; i < develop.size(); i++) {
      JsonNode step = develop.get(i);
      Matcher m = CD_STEP.matcher(unguarded(step.path("run").asString("")));
      if (step.path("background").asBoolean(false)
          && m.matches()
          && trimSlashes(m.group(1)).equals(key)) {
        // how Vrooli starts the service from its source tree: used where the service runs from its
        // build output (a host, a buildpack), never to override an image's own entrypoint
        origins.put(pointer + "/metadata", "/lifecycle/develop/steps/" + i + "/run");
        ArrayNode command = svc.putObject("metadata").putArray("develop_command");
        String run = m.group(2).trim();
        if (run.matches("[A-Za-z0-9_./= -]+")) {
          for (String word : run.split("\\s+")) {
            command.add(word);
          }
        } else {
          command.add("sh").add("-c").add(run);
        }
        return;
      }
    }
  }

  /**
   * The step itself, with a file-exists guard around one {@code cd dir && ...} removed: the cloud
   * build always has the directory.
   */
  static String unguarded(String run) {
    Matcher guarded = GUARDED_STEP.matcher(run.trim());
    return guarded.matches() ? guarded.group(1).trim() : run.trim();
  }

  /**
   * Nothing is dropped silently: every setup and develop step that did not become a service's build
   * or run command is named, with why.
   */
  private void reportUnusedSteps(JsonNode lifecycle, java.util.Set<String> services) {
    for (String phase : List.of("setup", "develop")) {
      JsonNode steps = lifecycle.path(phase).path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        Matcher m = CD_STEP.matcher(unguarded(step.path("run").asString("")));
        boolean used =
            m.matches()
                && services.contains(trimSlashes(m.group(1)))
                && (phase.equals("setup") || step.path("background").asBoolean(false));
        if (!used) {
          diagnostics.info(
              Codes.SCENARIO_DIR,
              serviceJson.locate("/lifecycle/" + phase + "/steps/" + i),
              phase
                  + " step '"
                  + step.path("name").asString("#" + i)
                  + "' is not part of the cloud build or run: only "
                  + (phase.equals("setup") ? "" : "background ")
                  + "steps 'cd <api|ui> && ...' of a deployed service are",
              phase.equals("setup")
                  ? "put what the cloud needs into the bundle's build.command, or run it in the image build"
                  : null);
        }
      }
    }
  }

  private static String trimSlashes(String path) {
    String p = path.trim();
    while (p.startsWith("/") || p.startsWith("./")) {
      p = p.startsWith("./") ? p.substring(2) : p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
