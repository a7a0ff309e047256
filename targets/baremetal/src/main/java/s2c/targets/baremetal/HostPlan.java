package s2c.targets.baremetal;

import java.util.ArrayList;
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
  private final Map<String, HostVars.GeneratedSecret> generated = new TreeMap<>();
  private final Map<String, HostVars.InputSecret> inputs = new TreeMap<>();
  private final List<HostVars.ResourceVars> resources = new ArrayList<>();
  private final Map<String, String> resourceEnv = new TreeMap<>();
  private final List<HostVars.SecretUse> resourceSecrets = new ArrayList<>();
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
    return inputs.values().stream().map(HostVars.InputSecret::env).distinct().sorted().toList();
  }

  BaremetalSettings settings() {
    return settings;
  }

  String root() {
    return "/opt/" + d.scenario();
  }

  HostVars vars() {
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    List<HostVars.ServiceVars> services = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    int order = 0;
    for (Service s : dependencyOrder()) {
      service(s, order++, packages).ifPresent(services::add);
    }
    int memory =
        d.services().stream()
            .mapToInt(s -> s.size().memoryMi().orElse(256) * Math.max(1, s.replicas()))
            .sum();
    List<HostVars.Front> fronts = new ArrayList<>();
    List<HostUnits.Switchable> switched = new ArrayList<>();
    for (HostVars.ServiceVars svc : services) {
      if (svc.switchable()) {
        HostVars.Health h = svc.health();
        fronts.add(new HostVars.Front(svc.name(), svc.port().orElseThrow()));
        switched.add(
            new HostUnits.Switchable(
                svc.name(),
                svc.workdir(),
                h.type(),
                h.path(),
                h.retries(),
                h.delay(),
                h.timeout()));
      }
    }
    List<HostVars.Route> routes = routes(services);
    return new HostVars(
        d.scenario(),
        d.environment(),
        d.appVersion(),
        HostUnits.digestCommand(),
        HostUnits.caddyImport(),
        settings.lockWait(),
        units.lockAcquire(),
        units.lockRelease(),
        "s2c-" + d.scenario(),
        root(),
        "/etc/s2c/" + d.scenario(),
        "/var/lib/s2c/" + d.scenario(),
        "/var/log/s2c/" + d.scenario(),
        new AnsibleData.Jinja("{{ playbook_dir }}/../artifacts"),
        settings.keepReleases(),
        settings.processManager(),
        settings.secretsSource(),
        settings.vaultPath().orElse("secret/" + d.secretPath()),
        d.domain().orElse(""),
        settings.dnsPolicy().orElse(d.domain().isPresent() ? "required" : "skip"),
        Math.max(256, memory),
        // the release, logs and every volume the services ask for must fit
        1024
            + d.services().stream()
                .mapToInt(s -> s.volume().map(v -> v.mebibytes()).orElse(0))
                .sum(),
        List.copyOf(packages),
        services,
        List.copyOf(resources),
        List.copyOf(generated.values()),
        List.copyOf(inputs.values()),
        routes,
        fronts,
        !fronts.isEmpty() || !routes.isEmpty(),
        switched.isEmpty() ? "" : units.cutover(switched));
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

  private Optional<HostVars.ServiceVars> service(Service s, int order, Set<String> packages) {
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
      return Optional.empty();
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
        return Optional.empty();
      }
      String program = declared.get(0);
      if (program.startsWith("/") && !program.matches("/(usr/(local/)?)?s?bin/[^/]+")) {
        // an absolute path outside the system's programs is a path inside the service's image
        diagnostics.add(
            Diagnostic.error(
                Codes.NO_IMAGE,
                s.origin(),
                "service '"
                    + s.id()
                    + "' runs "
                    + program
                    + ", a path of its image: a host has only the release's files and Debian's programs",
                "add binaries.linux-x64.path (relative to the artifacts directory), or a command relative to the release"));
        return Optional.empty();
      }
      List<String> words = run.argv();
      switch (words.get(0).equals("/usr/bin/env") ? words.get(1) : words.get(0)) {
        case "node", "npm", "npx" -> packages.add("nodejs");
        case "python", "python3" -> packages.add("python3");
        default -> {}
      }
      argv.addAll(run.argv());
    }
    TreeMap<String, String> env = new TreeMap<>();
    for (Port p : s.ports()) {
      p.envVar().ifPresent(e -> env.put(e, String.valueOf(p.number())));
    }
    s.env().forEach((k, val) -> env.put(k, resolve(val)));
    boolean consumer = s.type().usesResources();
    if (consumer) {
      resourceEnv.forEach(env::putIfAbsent);
    }
    List<HostVars.SecretUse> secrets = new ArrayList<>();
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id())) {
        secrets.add(
            secret(
                secret.id(), secret.targetName(), secret.secretClass(), secret.generatedLength()));
      }
    }
    if (consumer) {
      secrets.addAll(resourceSecrets);
    }
    Optional<HostVars.Expose> expose =
        s.expose()
            .filter(e -> s.primaryPort().isPresent())
            .map(
                e ->
                    new HostVars.Expose(
                        e.path(),
                        // other ports reached from outside (a WebSocket channel): Caddy proxies the
                        // upgrade as is
                        e.routes().stream()
                            .filter(r -> s.port(r.portName()).isPresent())
                            .map(
                                r ->
                                    new HostVars.RouteTarget(
                                        r.path(), s.port(r.portName()).orElseThrow().number()))
                            .toList()));
    List<String> after = new ArrayList<>();
    if (consumer) {
      after.addAll(resourceUnits);
    }
    // a switched service is reached through Caddy's stable port, whichever instance serves it
    s.dependencies().stream()
        .flatMap(x -> d.service(x).stream())
        .map(x -> switchable(x) ? "caddy.service" : d.scenario() + "-" + x.id() + ".service")
        .distinct()
        .forEach(after::add);
    return Optional.of(
        new HostVars.ServiceVars(
            s.id(),
            order,
            argv,
            switchable,
            runScript(
                s.id(),
                argv,
                switchable ? s.primaryPort().flatMap(Port::envVar) : Optional.empty()),
            workdir,
            s.primaryPort().map(Port::number),
            env,
            secrets,
            health(s),
            s.critical(),
            s.dependencies().stream().filter(x -> d.service(x).isPresent()).toList(),
            expose,
            switchable
                ? units.systemdInstance(s.id(), after)
                : units.systemd(s.id(), workdir, after),
            d.scenario() + "-" + s.id() + (switchable ? "@" : "") + ".service",
            units.supervisor(s.id(), workdir, order)));
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

  private HostVars.SecretUse secret(String id, String env, SecretClass cls, int length) {
    if (cls == SecretClass.PER_INSTALL_GENERATED) {
      int n = Math.max(16, length);
      generated.put(id, new HostVars.GeneratedSecret(id, n));
      return new HostVars.SecretUse(
          id, env, cls.wire(), Optional.of(n), Optional.empty(), Optional.empty());
    }
    inputs.put(id, new HostVars.InputSecret(env, id));
    return new HostVars.SecretUse(
        id, env, cls.wire(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Optional<String> binaryPath(Service s) {
    return Optional.ofNullable(s.binaries().get("linux-x64"))
        .map(p -> p.replace('\\', '/').replaceAll("^\\./", ""));
  }

  private HostVars.Health health(Service s) {
    HealthCheck h = s.health();
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
    return new HostVars.Health(
        type,
        h.path(),
        port.map(Port::number),
        h.command(),
        Math.max(1, h.retries()),
        Math.max(1, h.intervalMs() / 1000),
        Math.max(1, h.timeoutMs() / 1000));
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
    if (placement.get() != ResourcePlacement.EXTERNAL && r.ha().orElse(false)) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.HA_UNAVAILABLE,
              r.origin(),
              "'"
                  + r.name()
                  + "' is asked to be highly available, but a single host runs one instance",
              "set resources." + r.name() + ".mode: external with a replicated service"));
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
            new HostVars.ResourceVars(
                Optional.of(db),
                Optional.of(user),
                r.name(),
                List.of("postgresql"),
                Optional.of("postgres_password"),
                "postgresql",
                "postgres"));
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
          resourceSecrets.add(
              secret("postgres_password", env, SecretClass.PER_INSTALL_GENERATED, 24)
                  .asUrl("postgresql://" + user + ":", "@127.0.0.1:5432/" + db));
        }
        resourceUnits.add("postgresql.service");
      }
      case "redis", "valkey" -> {
        resources.add(
            new HostVars.ResourceVars(
                Optional.empty(),
                Optional.empty(),
                r.name(),
                List.of("redis-server"),
                Optional.empty(),
                "redis-server",
                "redis"));
        resourceEnv.put("REDIS_URL", "redis://127.0.0.1:6379");
        resourceUnits.add("redis-server.service");
      }
      default -> throw new IllegalStateException("no host package for " + type);
    }
  }

  /** Caddy's routes: every exposed service and its extra routes, the longest path first. */
  private static List<HostVars.Route> routes(List<HostVars.ServiceVars> services) {
    List<HostVars.Route> routes = new ArrayList<>();
    for (HostVars.ServiceVars s : services) {
      if (s.expose().isPresent() && s.port().isPresent()) {
        routes.add(new HostVars.Route(s.expose().get().path(), "127.0.0.1:" + s.port().get()));
        for (HostVars.RouteTarget r : s.expose().get().routes()) {
          routes.add(new HostVars.Route(r.path(), "127.0.0.1:" + r.port()));
        }
      }
    }
    routes.sort((a, b) -> Integer.compare(b.path().length(), a.path().length()));
    return List.copyOf(routes);
  }

  private String resolve(String value) {
    return EnvTemplates.resolve(value, d, service -> "127.0.0.1", "/var/lib/s2c/" + d.scenario());
  }
}
