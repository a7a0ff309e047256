package s2c.targets.baremetal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.BackingResource;
import s2c.model.Deployment;
import s2c.model.HealthCheck;
import s2c.model.Port;
import s2c.model.SecretClass;
import s2c.model.SecretRef;
import s2c.model.Service;
import s2c.model.ServiceType;
import s2c.spi.EnvTemplates;
import s2c.spi.ResourcePlacement;
import s2c.write.ShellWords;

/**
 * Every decision about running a {@link Deployment} on one Debian host, as the playbook's
 * variables.
 */
final class HostPlan {
  private final Deployment d;
  private final List<Diagnostic> diagnostics;
  private final Map<String, Map<String, Object>> generated = new TreeMap<>();
  private final Map<String, Map<String, Object>> inputs = new TreeMap<>();
  private final List<Map<String, Object>> resources = new ArrayList<>();
  private final Map<String, String> resourceEnv = new TreeMap<>();
  private final List<Map<String, Object>> resourceSecrets = new ArrayList<>();
  private final List<String> resourceUnits = new ArrayList<>();

  private final HostUnits units;
  private final BaremetalSettings settings;

  HostPlan(Deployment d, List<Diagnostic> diagnostics) {
    this.d = d;
    this.diagnostics = diagnostics;
    this.units = new HostUnits(d.scenario());
    this.settings = BaremetalSettings.of(d);
  }

  /** The env names the deploy reads secrets from (secrets_source env), sorted. */
  List<String> secretEnvNames() {
    return inputs.values().stream().map(i -> (String) i.get("env")).distinct().sorted().toList();
  }

  BaremetalSettings settings() {
    return settings;
  }

  String root() {
    return "/opt/" + d.scenario();
  }

  Map<String, Object> vars() {
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    List<Map<String, Object>> services = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    int order = 0;
    for (Service s : dependencyOrder()) {
      Map<String, Object> svc = service(s, order++, packages);
      if (svc != null) {
        services.add(svc);
      }
    }
    int memory =
        d.services().stream()
            .mapToInt(s -> s.size().memoryMi().orElse(256) * Math.max(1, s.replicas()))
            .sum();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("s2c_scenario", d.scenario());
    v.put("s2c_environment", d.environment());
    v.put("s2c_version", d.appVersion());
    v.put("s2c_digest_command", HostUnits.digestCommand());
    v.put("s2c_caddy_import", HostUnits.caddyImport());
    v.put("s2c_lock_wait", settings.lockWait());
    v.put("s2c_lock_acquire", units.lockAcquire());
    v.put("s2c_lock_release", units.lockRelease());
    v.put("s2c_user", "s2c-" + d.scenario());
    v.put("s2c_root", root());
    v.put("s2c_config_dir", "/etc/s2c/" + d.scenario());
    v.put("s2c_data_dir", "/var/lib/s2c/" + d.scenario());
    v.put("s2c_log_dir", "/var/log/s2c/" + d.scenario());
    v.put("s2c_artifacts_dir", new AnsibleData.Jinja("{{ playbook_dir }}/../artifacts"));
    v.put("s2c_keep_releases", settings.keepReleases());
    v.put("s2c_process_manager", settings.processManager());
    v.put("s2c_secrets_source", settings.secretsSource());
    v.put(
        "s2c_vault_path",
        settings.vaultPath().orElse("secret/" + d.scenario() + "/" + d.environment()));
    v.put("s2c_domain", d.domain().orElse(""));
    v.put(
        "s2c_dns_policy",
        settings.dnsPolicy().orElse(d.domain().isPresent() ? "required" : "skip"));
    v.put("s2c_min_memory_mb", Math.max(256, memory));
    v.put("s2c_min_disk_mb", 1024);
    v.put("s2c_packages", new ArrayList<>(packages));
    v.put("s2c_services", services);
    v.put("s2c_resources", resources);
    v.put("s2c_generated_secrets", new ArrayList<>(generated.values()));
    v.put("s2c_input_secrets", new ArrayList<>(inputs.values()));
    v.put("s2c_routes", routes(services));
    List<Map<String, Object>> fronts = new ArrayList<>();
    List<HostUnits.Switchable> switched = new ArrayList<>();
    for (Map<String, Object> svc : services) {
      if (Boolean.TRUE.equals(svc.get("switchable"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) svc.get("health");
        fronts.add(Map.of("name", svc.get("name"), "port", svc.get("port")));
        switched.add(
            new HostUnits.Switchable(
                svc.get("name").toString(),
                svc.get("workdir").toString(),
                h.get("type").toString(),
                h.get("path").toString(),
                (Integer) h.get("retries"),
                (Integer) h.get("delay"),
                (Integer) h.get("timeout")));
      }
    }
    v.put("s2c_fronts", fronts);
    v.put("s2c_edge", !fronts.isEmpty() || !((List<?>) v.get("s2c_routes")).isEmpty());
    v.put("s2c_cutover", switched.isEmpty() ? "" : units.cutover(switched));
    return v;
  }

  /** Services so that every one comes after what it depends on; ties in id order. */
  private List<Service> dependencyOrder() {
    List<Service> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (ordered.size() < d.services().size()) {
      boolean progress = false;
      for (Service s : d.services()) {
        if (!placed.contains(s.id())
            && s.dependencies().stream()
                .filter(x -> d.service(x).isPresent())
                .allMatch(placed::contains)) {
          ordered.add(s);
          placed.add(s.id());
          progress = true;
        }
      }
      if (!progress) {
        break; // cycles were refused by the compiler
      }
    }
    return ordered;
  }

  /**
   * Whether a service is switched without downtime (see {@link HostUnits#cutover}): under systemd,
   * with a main port whose number the service reads from an env variable (so an instance can be
   * told another port) and an HTTP or TCP check on it (so the new instance can be found healthy
   * there).
   */
  private boolean switchable(Service s) {
    Optional<Port> main = s.primaryPort();
    HealthCheck.Kind kind = s.health().kind();
    return "systemd".equals(settings.processManager())
        && main.isPresent()
        && main.get().envVar().isPresent()
        && (kind == HealthCheck.Kind.HTTP || kind == HealthCheck.Kind.TCP)
        && s.portName(s.health().portName())
            .map(p -> p.name().equals(main.get().name()))
            .orElse(false);
  }

  private Map<String, Object> service(Service s, int order, Set<String> packages) {
    boolean switchable = switchable(s);
    // a switched service runs from its slot (a link to its release), so its program is found from
    // the working directory; the others run from current
    String base = switchable ? "." : root() + "/current";
    Optional<String> binary = s.command().isEmpty() ? binaryPath(s) : Optional.empty();
    // the bundle's command, else the binary, else how the scenario's develop step starts it
    List<String> declared =
        !s.command().isEmpty() || binary.isPresent() ? s.command() : s.developCommand();
    if (declared.isEmpty() && binary.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              Codes.NO_IMAGE,
              s.origin(),
              "service '" + s.id() + "' has no linux-x64 binary and no command to run on the host",
              "add binaries.linux-x64.path (relative to the artifacts directory) or a command to the bundle service"));
      return null;
    }
    List<String> argv = new ArrayList<>();
    String workdir;
    if (binary.isPresent()) {
      String path = binary.get();
      workdir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
      if (path.endsWith(".py")) {
        packages.add("python3");
      } else if (path.endsWith(".js") || path.endsWith(".mjs")) {
        packages.add("nodejs");
        argv.add("/usr/bin/node");
      }
      argv.add(
          switchable
              ? "./" + (workdir.equals(".") ? path : path.substring(workdir.length() + 1))
              : root() + "/current/" + path);
    } else {
      // a command from service.json runs in the service's source directory, as in Vrooli's develop
      // step
      workdir =
          s.build().map(b -> b.sourceDir().replace('\\', '/').replaceAll("^\\./", "")).orElse(".");
      RunCommand run =
          RunCommand.of(
              declared,
              switchable ? "." : root() + "/current" + (workdir.equals(".") ? "" : "/" + workdir));
      if (run.problem().isPresent()) {
        diagnostics.add(
            Diagnostic.error(
                Codes.COMMAND_NEEDS_SHELL,
                s.origin(),
                "service '"
                    + s.id()
                    + "' cannot start on the host with "
                    + declared
                    + ": "
                    + run.problem().get(),
                "give the service a command that is a program and its arguments (e.g. [\"./server\", \"--port\", \"8080\"]),"
                    + " or a script in the release that does the shell work"));
        return null;
      }
      List<String> words = run.argv();
      switch (words.get(0).equals("/usr/bin/env") ? words.get(1) : words.get(0)) {
        case "node", "npm", "npx" -> packages.add("nodejs");
        case "python", "python3" -> packages.add("python3");
        default -> {}
      }
      argv.addAll(run.argv());
    }
    Map<String, Object> svc = new LinkedHashMap<>();
    svc.put("name", s.id());
    svc.put("order", order);
    svc.put("argv", argv);
    svc.put("switchable", switchable);
    svc.put(
        "run_script",
        runScript(
            s.id(), argv, switchable ? s.primaryPort().flatMap(Port::envVar) : Optional.empty()));
    svc.put("workdir", workdir);
    s.primaryPort().ifPresent(p -> svc.put("port", p.number()));
    TreeMap<String, String> env = new TreeMap<>();
    for (Port p : s.ports()) {
      p.envVar().ifPresent(e -> env.put(e, String.valueOf(p.number())));
    }
    s.env().forEach((k, val) -> env.put(k, resolve(val)));
    if (s.type() == ServiceType.API_BINARY || s.type() == ServiceType.WORKER) {
      resourceEnv.forEach(env::putIfAbsent);
    }
    svc.put("env", env);
    List<Map<String, Object>> secrets = new ArrayList<>();
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id())) {
        secrets.add(
            secret(
                secret.id(), secret.targetName(), secret.secretClass(), secret.generatedLength()));
      }
    }
    if (s.type() == ServiceType.API_BINARY || s.type() == ServiceType.WORKER) {
      secrets.addAll(resourceSecrets);
    }
    svc.put("secrets", secrets);
    svc.put("health", health(s));
    svc.put("critical", s.critical());
    svc.put("depends_on", s.dependencies().stream().filter(x -> d.service(x).isPresent()).toList());
    s.expose()
        .filter(e -> s.primaryPort().isPresent())
        .ifPresent(
            e ->
                svc.put(
                    "expose",
                    Map.of(
                        "path",
                        e.path(),
                        // other ports reached from outside (a WebSocket channel): Caddy proxies the
                        // upgrade as is
                        "routes",
                        e.routes().stream()
                            .filter(r -> s.port(r.portName()).isPresent())
                            .map(
                                r ->
                                    Map.of(
                                        "path",
                                        r.path(),
                                        "port",
                                        s.port(r.portName()).orElseThrow().number()))
                            .toList())));
    List<String> after = new ArrayList<>();
    if (s.type() == ServiceType.API_BINARY || s.type() == ServiceType.WORKER) {
      after.addAll(resourceUnits);
    }
    // a switched service is reached through Caddy's stable port, whichever instance serves it
    s.dependencies().stream()
        .flatMap(x -> d.service(x).stream())
        .map(x -> switchable(x) ? "caddy.service" : d.scenario() + "-" + x.id() + ".service")
        .distinct()
        .forEach(after::add);
    svc.put(
        "unit",
        switchable ? units.systemdInstance(s.id(), after) : units.systemd(s.id(), workdir, after));
    svc.put("unit_file", d.scenario() + "-" + s.id() + (switchable ? "@" : "") + ".service");
    svc.put("program", units.supervisor(s.id(), workdir, order));
    return svc;
  }

  /**
   * The one way a service starts, under systemd, supervisor and the shell twin alike: a small sh
   * script that loads the env file and execs the exact argv, every word quoted for sh. No process
   * manager's own command-line syntax ($, %, ;, quotes) ever sees bundle data.
   */
  private String runScript(String service, List<String> argv, Optional<String> portVariable) {
    return "#!/bin/sh\n"
        + "# "
        + d.scenario()
        + " "
        + service
        + ": rendered by scenario-to-cloud. The env file holds the secrets,\n"
        + "# so it is sourced here, never put on a command line.\n"
        + "set -a\n"
        + ". "
        + ShellWords.quote("/etc/s2c/" + d.scenario() + "/" + service + ".env")
        + "\n"
        + "set +a\n"
        + portVariable
            .map(
                v ->
                    "# an instance started for a switch listens on the port it is named after\n"
                        + "if [ -n \"${1:-}\" ]; then export "
                        + v
                        + "=\"$1\"; fi\n")
            .orElse("")
        + "exec "
        + ShellWords.join(argv)
        + "\n";
  }

  private Map<String, Object> secret(String id, String env, SecretClass cls, int length) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("env", env);
    m.put("class", cls.wire());
    if (cls == SecretClass.PER_INSTALL_GENERATED) {
      m.put("length", Math.max(16, length));
      generated.put(id, Map.of("id", id, "length", Math.max(16, length)));
    } else {
      inputs.put(id, Map.of("id", id, "env", env));
    }
    return m;
  }

  private Optional<String> binaryPath(Service s) {
    return Optional.ofNullable(s.binaries().get("linux-x64"))
        .map(p -> p.replace('\\', '/').replaceAll("^\\./", ""));
  }

  private Map<String, Object> health(Service s) {
    HealthCheck h = s.health();
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<Port> port = s.portName(h.portName());
    String type =
        switch (h.kind()) {
          case HTTP -> port.isPresent() ? "http" : "none";
          case TCP -> port.isPresent() ? "tcp" : "none";
          case COMMAND -> "command";
          case LOG_MATCH -> {
            diagnostics.add(
                Diagnostic.warning(
                    Codes.HEALTH_APPROXIMATED,
                    s.origin(),
                    "a log-match health check cannot be run over SSH; service '"
                        + s.id()
                        + "' is checked by a TCP connect",
                    null));
            yield port.isPresent() ? "tcp" : "none";
          }
        };
    m.put("type", type);
    m.put("path", h.path());
    port.ifPresent(p -> m.put("port", p.number()));
    m.put("command", h.command());
    m.put("retries", Math.max(1, h.retries()));
    m.put("delay", Math.max(1, h.intervalMs() / 1000));
    m.put("timeout", Math.max(1, h.timeoutMs() / 1000));
    return m;
  }

  private void resource(BackingResource r) {
    String type = r.type().toLowerCase(Locale.ROOT);
    String urlSecret = r.name() + "_url";
    Optional<ResourcePlacement> placement =
        ResourcePlacement.of(
            r,
            "the host",
            BaremetalTarget.CATALOGUE,
            "the deploy-time secret "
                + urlSecret
                + " ("
                + r.defaultUrlVariable()
                + " in the CI environment or Vault)",
            diagnostics);
    if (placement.isEmpty()) {
      return;
    }
    if (placement.get() == ResourcePlacement.EXTERNAL) {
      resourceSecrets.add(secret(urlSecret, r.defaultUrlVariable(), SecretClass.REMOTE_FETCH, 0));
      return;
    }
    switch (type) {
      case "postgres", "postgresql" -> {
        String user = d.scenario().replace('-', '_') + "_app";
        String db = d.scenario().replace('-', '_');
        resources.add(
            Map.of(
                "name",
                r.name(),
                "type",
                "postgres",
                "packages",
                List.of("postgresql"),
                "service",
                "postgresql",
                "db_user",
                user,
                "db_name",
                db,
                "password_secret",
                "postgres_password"));
        resourceEnv.put("POSTGRES_HOST", "127.0.0.1");
        resourceEnv.put("POSTGRES_PORT", "5432");
        resourceEnv.put("POSTGRES_USER", user);
        resourceEnv.put("POSTGRES_DB", db);
        resourceSecrets.add(
            secret(
                "postgres_password", "POSTGRES_PASSWORD", SecretClass.PER_INSTALL_GENERATED, 24));
        // the same contract as DigitalOcean and Kubernetes: the URL forms too (the password is
        // alphanumeric)
        for (String env : List.of("DATABASE_URL", "POSTGRES_URL")) {
          Map<String, Object> url =
              new LinkedHashMap<>(
                  secret("postgres_password", env, SecretClass.PER_INSTALL_GENERATED, 24));
          url.put("prefix", "postgresql://" + user + ":");
          url.put("suffix", "@127.0.0.1:5432/" + db);
          resourceSecrets.add(url);
        }
        resourceUnits.add("postgresql.service");
      }
      case "redis", "valkey" -> {
        resources.add(
            Map.of(
                "name",
                r.name(),
                "type",
                "redis",
                "packages",
                List.of("redis-server"),
                "service",
                "redis-server"));
        resourceEnv.put("REDIS_URL", "redis://127.0.0.1:6379");
        resourceUnits.add("redis-server.service");
      }
      default -> throw new IllegalStateException("no host package for " + type);
    }
  }

  private static List<Map<String, Object>> routes(List<Map<String, Object>> services) {
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Map<String, Object> s : services) {
      if (s.get("expose") instanceof Map<?, ?> e && s.get("port") != null) {
        routes.add(Map.of("path", e.get("path"), "upstream", "127.0.0.1:" + s.get("port")));
        for (Object r : (List<?>) e.get("routes")) {
          Map<?, ?> route = (Map<?, ?>) r;
          routes.add(
              Map.of("path", route.get("path"), "upstream", "127.0.0.1:" + route.get("port")));
        }
      }
    }
    routes.sort(
        (a, b) ->
            Integer.compare(b.get("path").toString().length(), a.get("path").toString().length()));
    return routes;
  }

  private String resolve(String value) {
    return EnvTemplates.resolve(value, d, service -> "127.0.0.1", "/var/lib/s2c/" + d.scenario());
  }
}
