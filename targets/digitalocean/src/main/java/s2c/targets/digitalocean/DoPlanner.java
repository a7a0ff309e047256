package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclExpr;
import s2c.model.BackingResource;
import s2c.model.Deployment;
import s2c.model.HealthCheck;
import s2c.model.Migration;
import s2c.model.Port;
import s2c.model.SecretClass;
import s2c.model.SecretRef;
import s2c.model.Service;
import s2c.model.ServiceType;
import s2c.spi.EnvTemplates;
import s2c.spi.ImageEntrypoint;
import s2c.spi.ResourcePlacement;
import s2c.targets.digitalocean.DoPlan.Component;
import s2c.targets.digitalocean.DoPlan.EnvVar;
import s2c.targets.digitalocean.DoPlan.ExternalEndpoint;
import s2c.targets.digitalocean.DoPlan.IngressRule;
import s2c.targets.digitalocean.DoPlan.Kind;
import s2c.targets.digitalocean.DoPlan.ManagedDb;
import s2c.targets.digitalocean.DoPlan.Source;
import s2c.write.ShellWords;

/**
 * Makes every DigitalOcean decision about a {@link Deployment}; pure, reports through diagnostics.
 */
final class DoPlanner {
  static final String DATA_DIR = "/data";

  private final Deployment d;
  private final List<Diagnostic> diagnostics;
  private final List<Component> components = new ArrayList<>();
  private final List<ManagedDb> databases = new ArrayList<>();
  private final List<ExternalEndpoint> externals = new ArrayList<>();

  /** Env every API, worker and migration gets from backing resources. */
  private final TreeMap<String, EnvVar> resourceEnv = new TreeMap<>();

  private final List<SecretRef> resourceSecrets = new ArrayList<>();

  private final DigitalOceanSettings settings;

  private DoPlanner(Deployment d, List<Diagnostic> diagnostics) {
    this.d = d;
    this.diagnostics = diagnostics;
    this.settings = DigitalOceanSettings.of(d);
  }

  static DoPlan plan(Deployment d, List<Diagnostic> diagnostics) {
    return new DoPlanner(d, diagnostics).run();
  }

  private DoPlan run() {
    String appName = ComponentNames.of(d.instance());
    d.stateBackend()
        .filter(b -> b.isRemote() && !b.type().equals("spaces"))
        .ifPresent(
            b ->
                diagnostics.add(
                    Diagnostic.error(
                        Codes.VALUE_NOT_ALLOWED,
                        SourceLocation.file("values"),
                        "state_backend type '"
                            + b.type()
                            + "' is not a backend of the DigitalOcean target",
                        "set state_backend: {type: spaces, bucket: <bucket>, region: <region>}")));
    if ("prod".equals(d.environment()) && d.stateBackend().map(b -> !b.isRemote()).orElse(true)) {
      diagnostics.add(
          Diagnostic.error(
              Codes.PROD_NEEDS_REMOTE_STATE,
              SourceLocation.file("values"),
              "environment 'prod' needs a remote Terraform state backend; local state is lost with the CI runner",
              "set state_backend: {type: spaces, bucket: <bucket>, region: <region>} in values.prod.yaml"));
    } else if (d.stateBackend().map(b -> !b.isRemote()).orElse(true)) {
      diagnostics.add(
          Diagnostic.info(
              Codes.PROD_NEEDS_REMOTE_STATE,
              SourceLocation.file("values"),
              "Terraform state is local for environment '" + d.environment() + "'",
              "set state_backend for shared state"));
    }
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    for (Service s : d.services()) {
      service(s);
    }
    checkNameClashes();
    return new DoPlan(
        appName,
        d.projectName().orElse(d.instance()),
        projectEnvironment(),
        components,
        databases,
        externals,
        allSecrets(),
        ingress(),
        d.domain(),
        d.region().orElse("nyc3"),
        List.of(
            "scenario:" + d.scenario(), "env:" + d.environment(), "managed-by:scenario-to-cloud"),
        settings.alertsEmail());
  }

  /**
   * The deployment's secrets and those this plan generates for resources it runs (their admin
   * passwords).
   */
  private List<SecretRef> allSecrets() {
    List<SecretRef> all = new ArrayList<>(d.secrets());
    all.addAll(resourceSecrets);
    return all;
  }

  private String projectEnvironment() {
    return switch (d.environment()) {
      case "prod", "production" -> "Production";
      case "staging", "stage" -> "Staging";
      default -> "Development";
    };
  }

  // ---- backing resources ----

  private void resource(BackingResource r) {
    String variable = r.endpointVariable().orElse(ComponentNames.tfName(r.name()) + "_url");
    Optional<ResourcePlacement> placement =
        ResourcePlacement.of(
            r,
            "App Platform",
            ResourceCatalog.asData(),
            "the sensitive variable '" + variable + "'",
            diagnostics);
    if (placement.isEmpty()) {
      return;
    }
    switch (placement.get()) {
      case MANAGED -> managedDb(r, ResourceCatalog.managed(r.type()).orElseThrow());
      case EXTERNAL -> external(r, variable);
      default -> {
        Optional<s2c.spi.OfficialImages.Image> container = ResourceCatalog.container(r.type());
        containerResource(
            r,
            r.image().or(() -> container.map(s2c.spi.OfficialImages.Image::image)).orElseThrow(),
            container);
      }
    }
  }

  /**
   * From 2026-11-30 a DigitalOcean Standard Edition PostgreSQL cluster (the db-s-* sizes) cannot
   * add standby nodes: high availability needs the Advanced Edition (from $130 a node), which the
   * cluster resource of provider 2.71 has no attribute to choose. A render asking for one would
   * fail at apply.
   */
  private void standardEditionStandby(BackingResource r, ResourceCatalog.Managed m) {
    int nodes = r.ha().orElse(false) ? Math.max(2, r.nodeCount()) : r.nodeCount();
    String size = r.size().orElse(m.defaultSize());
    if (m.clusterEngine().equals("pg") && nodes > 1 && size.startsWith("db-s-")) {
      diagnostics.add(
          Diagnostic.error(
              Codes.HA_UNAVAILABLE,
              r.origin(),
              "resource '"
                  + r.name()
                  + "' asks for "
                  + nodes
                  + " nodes of "
                  + size
                  + ", a Standard Edition PostgreSQL size; from 2026-11-30 DigitalOcean's Standard"
                  + " Edition clusters cannot add standby nodes (high availability needs the"
                  + " Advanced Edition, from $130 per node, which the Terraform provider cannot"
                  + " select)",
              "use node_count: 1 (daily backups and point-in-time recovery stay), or mode:"
                  + " external with an Advanced Edition cluster made outside this deployment"));
    }
  }

  private void managedDb(BackingResource r, ResourceCatalog.Managed m) {
    standardEditionStandby(r, m);
    String tf = ComponentNames.tfName(r.name());
    String db = ComponentNames.tfName(d.scenario());
    ManagedDb managed =
        new ManagedDb(
            r.name(),
            tf,
            m.clusterEngine(),
            m.appEngine(),
            r.version().orElse(m.defaultVersion()),
            r.size().orElse(m.defaultSize()),
            // a standby node when values ask for high availability
            r.ha().orElse(false) ? Math.max(2, r.nodeCount()) : r.nodeCount(),
            m.hasDatabases() ? Optional.of(db) : Optional.empty(),
            m.hasDatabases() ? Optional.of(db + "_app") : Optional.empty());
    databases.add(managed);
    String component = ComponentNames.of(r.name());
    for (String key : m.urlEnv()) {
      // App Platform resolves ${<database component>.DATABASE_URL} at deploy time, so the spec
      // holds
      // only the reference: GENERAL keeps it readable back as written (a SECRET comes back as
      // EV[...]
      // ciphertext, and Terraform would redeploy the app on every apply)
      resourceEnv.put(
          key, new EnvVar(key, HclExpr.str("${" + component + ".DATABASE_URL}"), false));
    }
  }

  private void external(BackingResource r, String variable) {
    List<String> keys =
        ResourceCatalog.managed(r.type())
            .map(ResourceCatalog.Managed::urlEnv)
            .or(() -> ResourceCatalog.container(r.type()).map(c -> List.of(c.urlEnv())))
            .orElse(List.of(r.defaultUrlVariable()));
    externals.add(new ExternalEndpoint(r.name(), variable, keys));
    for (String key : keys) {
      resourceEnv.put(key, new EnvVar(key, HclExpr.ref("var." + variable), true));
    }
  }

  private void containerResource(
      BackingResource r, String image, Optional<s2c.spi.OfficialImages.Image> known) {
    Optional<ImageReference> ref = ImageReference.parse(image);
    if (ref.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              Codes.NO_IMAGE,
              r.origin(),
              "image '"
                  + image
                  + "' for resource '"
                  + r.name()
                  + "' cannot be pulled by App Platform",
              "App Platform pulls from registry.digitalocean.com, Docker Hub and ghcr.io"));
      return;
    }
    int port = known.map(s2c.spi.OfficialImages.Image::port).orElse(8080);
    String name = ComponentNames.of(r.name());
    if (known.map(s2c.spi.OfficialImages.Image::stateful).orElse(false)
        && !d.environment().equals("dev")) {
      diagnostics.add(
          Diagnostic.error(
              Codes.EPHEMERAL_STORAGE,
              r.origin(),
              "'"
                  + r.name()
                  + "' stores data, and App Platform storage is ephemeral: environment '"
                  + d.environment()
                  + "' would lose every object on each redeploy",
              "set resources."
                  + r.name()
                  + ".mode: external (DigitalOcean Spaces speaks the S3 API), or deploy to dev"));
      return;
    }
    List<EnvVar> componentEnv = new ArrayList<>();
    known
        .flatMap(s2c.spi.OfficialImages.Image::rootPasswordEnv)
        .ifPresent(
            passwordEnv -> {
              // the image's default admin credentials are never used: a password generated at apply
              // time
              // (random_password, kept in state) and a user named for the deployment
              String user = known.flatMap(s2c.spi.OfficialImages.Image::rootUserEnv).orElseThrow();
              SecretRef password =
                  new SecretRef(
                      r.name() + "_root_password",
                      SecretClass.PER_INSTALL_GENERATED,
                      "root password of " + r.name(),
                      true,
                      "env",
                      passwordEnv,
                      32,
                      List.of(),
                      r.origin());
              resourceSecrets.add(password);
              EnvVar userVar =
                  new EnvVar(user, HclExpr.str(ComponentNames.of(d.scenario() + "-admin")), false);
              EnvVar passwordVar =
                  new EnvVar(
                      passwordEnv,
                      HclExpr.ref(
                          "random_password." + ComponentNames.tfName(password.id()) + ".result"),
                      true);
              componentEnv.add(userVar);
              componentEnv.add(passwordVar);
              resourceEnv.put(user, userVar);
              resourceEnv.put(passwordEnv, passwordVar);
            });
    diagnostics.add(
        Diagnostic.warning(
            Codes.RESOURCE_AS_CONTAINER,
            r.origin(),
            "'"
                + r.name()
                + "' has no DigitalOcean managed equivalent; it runs from "
                + image
                + " as a private App Platform service with ephemeral storage",
            "alternatives: a swap in the bundle, or resources."
                + r.name()
                + ".mode: external with an endpoint you run elsewhere"));
    String command =
        known
            .map(s2c.spi.OfficialImages.Image::command)
            .filter(c -> !c.isEmpty())
            .map(ShellWords::join)
            .orElse(null);
    components.add(
        new Component(
            Kind.SERVICE,
            name,
            "resource " + r.name(),
            new DoPlan.ImageSource(ref.get()),
            Optional.ofNullable(command),
            InstanceSizes.DEFAULT,
            1,
            Optional.empty(),
            List.of(port),
            Optional.of(new DoPlan.Health(Optional.empty(), port, 10, 10, 5, 3)),
            sortedEnv(componentEnv)));
    String urlEnv = known.map(s2c.spi.OfficialImages.Image::urlEnv).orElse(r.defaultUrlVariable());
    String scheme = known.map(s2c.spi.OfficialImages.Image::scheme).orElse("http");
    resourceEnv.put(
        urlEnv, new EnvVar(urlEnv, HclExpr.str(scheme + "://" + name + ":" + port), false));
  }

  // ---- services ----

  private void service(Service s) {
    Optional<Source> source = source(s);
    if (source.isEmpty()) {
      return;
    }
    boolean sizeDeclared = s.size().cpu().isPresent() || s.size().memoryMi().isPresent();
    String slug =
        settings
            .instanceSizeSlug(s.id())
            .or(() -> sizeDeclared ? Optional.empty() : settings.defaultInstanceSizeSlug())
            .orElseGet(() -> InstanceSizes.forSize(s.size()));
    InstanceSizes.of(slug)
        .flatMap(
            size ->
                s2c.spi.InstanceLimits.check(
                    d, s, "App Platform " + slug, size.cpu(), size.memoryMi()))
        .ifPresent(diagnostics::add);
    if (!InstanceSizes.fits(s.size())) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.VALUE_NOT_ALLOWED,
              s.origin(),
              "service '"
                  + s.id()
                  + "' asks for more than the largest App Platform instance; using "
                  + slug,
              null));
    }
    s2c.spi.Volumes.unavailable(s, "App Platform", d.environment()).ifPresent(diagnostics::add);
    if (s.writesData() && s.volume().isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.EPHEMERAL_STORAGE,
              s.origin(),
              "service '"
                  + s.id()
                  + "' writes data, but App Platform storage is ephemeral: files under "
                  + DATA_DIR
                  + " are lost on redeploy",
              "keep state in a backing resource (postgres, spaces) for production"));
    }
    List<EnvVar> env = env(s);
    Optional<Port> port = s.primaryPort();
    Optional<DoPlan.Health> health = health(s, port);
    Kind kind = s.type() == ServiceType.WORKER ? Kind.WORKER : Kind.SERVICE;
    if (kind == Kind.WORKER) {
      // nothing is dropped silently: App Platform workers have no health checks at all
      diagnostics.add(
          Diagnostic.warning(
              Codes.HEALTH_APPROXIMATED,
              s.origin(),
              "App Platform workers have no health checks: the "
                  + s.health().kind().name().toLowerCase(Locale.ROOT)
                  + " check of worker '"
                  + s.id()
                  + "' is not run; App Platform restarts the worker only when its process exits",
              "make the worker exit when it is unhealthy, or run it as a service with a port to check"));
    }
    Optional<Integer> httpPort =
        kind == Kind.SERVICE && s.type() != ServiceType.RESOURCE
            ? port.map(Port::number)
            : Optional.empty();
    List<Integer> internal = new ArrayList<>();
    for (Port p : s.ports()) {
      if (kind == Kind.SERVICE && (httpPort.isEmpty() || p.number() != httpPort.get())) {
        internal.add(p.number());
        if (s.expose().isPresent()) {
          // App Platform routes public traffic to one port per component: say which port browsers
          // lose
          String route =
              s.expose().get().routes().stream()
                  .filter(r -> r.portName().equals(p.name()))
                  .findFirst()
                  .map(r -> " (its route " + r.path() + " is public on Kubernetes and bare metal)")
                  .orElse("");
          diagnostics.add(
              Diagnostic.warning(
                  Codes.PORT_NOT_PUBLIC,
                  s.origin(),
                  "port '"
                      + p.name()
                      + "' ("
                      + p.number()
                      + ") of exposed service '"
                      + s.id()
                      + "' is reachable only inside the app"
                      + route
                      + ": App Platform routes public traffic to one port per component ("
                      + httpPort.map(String::valueOf).orElse("none")
                      + ")",
                  "serve it on the main port under a path (e.g. /ws for a WebSocket), or split it into its own service"));
        }
      }
    }
    List<String> runWords = s.command();
    if (runWords.isEmpty() && !s.developCommand().isEmpty()) {
      if (source.get() instanceof DoPlan.GitSource) {
        runWords = s.developCommand(); // a buildpack build runs what the develop step runs
      } else {
        diagnostics.addAll(ImageEntrypoint.notes(d, s));
      }
    }
    Optional<String> run =
        runWords.isEmpty() ? Optional.empty() : Optional.of(ShellWords.join(resolve(runWords)));
    components.add(
        new Component(
            kind,
            ComponentNames.of(s.id()),
            "service " + s.id(),
            source.get(),
            run,
            slug,
            s.replicas(),
            httpPort,
            internal,
            kind == Kind.WORKER ? Optional.empty() : health,
            env));
    for (Migration m : s.migrations()) {
      List<EnvVar> jobEnv = new ArrayList<>(env);
      m.env().forEach((k, v) -> jobEnv.add(new EnvVar(k, HclExpr.str(resolve(v)), false)));
      String version = m.version().replaceAll("[^A-Za-z0-9]+", "").toLowerCase(Locale.ROOT);
      String name =
          ComponentNames.of(
              s.id() + "-migrate-" + version.substring(0, Math.min(8, version.length())));
      components.add(
          new Component(
              Kind.JOB,
              name,
              "migration " + m.version() + " of service " + s.id(),
              source.get(),
              Optional.of(ShellWords.join(resolve(m.command()))),
              slug,
              1,
              Optional.empty(),
              List.of(),
              Optional.empty(),
              sortedEnv(jobEnv)));
    }
  }

  private Optional<Source> source(Service s) {
    if (s.image().isPresent()) {
      Optional<ImageReference> ref = ImageReference.parse(s.image().get());
      if (ref.isEmpty()) {
        diagnostics.add(
            Diagnostic.error(
                Codes.NO_IMAGE,
                s.origin(),
                "image '"
                    + s.image().get()
                    + "' of service '"
                    + s.id()
                    + "' cannot be pulled by App Platform",
                "App Platform pulls from registry.digitalocean.com/<registry>/<repo>, Docker Hub and ghcr.io/<owner>/<repo>"));
        return Optional.empty();
      }
      if (!ref.get().pinned()) {
        diagnostics.add(
            Diagnostic.warning(
                Codes.NO_IMAGE,
                s.origin(),
                "image of service '"
                    + s.id()
                    + "' is not pinned (no tag or 'latest'): deploys are not reproducible",
                "use a version tag or a @sha256 digest"));
      }
      return Optional.of(new DoPlan.ImageSource(ref.get()));
    }
    if (s.build().isPresent() && d.source().isPresent()) {
      var repo = d.source().get();
      String dir =
          repo.directory().isEmpty()
              ? s.build().get().sourceDir()
              : repo.directory() + "/" + s.build().get().sourceDir();
      String url =
          repo.url().endsWith(".git") || !repo.url().startsWith("https://")
              ? repo.url()
              : repo.url() + ".git";
      return Optional.of(
          new DoPlan.GitSource(
              url, repo.branch(), dir.replaceAll("/+", "/"), s.build().get().command()));
    }
    String why =
        s.build().isPresent()
            ? "it has a build block but the bundle names no repository"
            : "it has neither an image nor a build block";
    diagnostics.add(
        Diagnostic.error(
            Codes.NO_IMAGE,
            s.origin(),
            "service '" + s.id() + "' cannot be deployed to App Platform: " + why,
            "set services."
                + s.id()
                + ".image in values (e.g. --set services."
                + s.id()
                + ".image=ghcr.io/<owner>/<repo>:<tag>)"
                + ", or give the bundle a repository and the service a build block"));
    return Optional.empty();
  }

  private Optional<DoPlan.Health> health(Service s, Optional<Port> port) {
    HealthCheck check = s.health();
    if (port.isEmpty()) {
      if (s.type() != ServiceType.WORKER) {
        diagnostics.add(
            Diagnostic.warning(
                Codes.HEALTH_APPROXIMATED,
                s.origin(),
                "service '" + s.id() + "' has no port, so App Platform cannot health-check it",
                null));
      }
      return Optional.empty();
    }
    if (check.kind() == HealthCheck.Kind.COMMAND || check.kind() == HealthCheck.Kind.LOG_MATCH) {
      if (s.type() != ServiceType.WORKER) {
        diagnostics.add(
            Diagnostic.warning(
                Codes.HEALTH_APPROXIMATED,
                s.origin(),
                "App Platform cannot run a "
                    + check.kind().name().toLowerCase(Locale.ROOT)
                    + " health check; service '"
                    + s.id()
                    + "' is checked by a TCP connect to port "
                    + port.get().number(),
                null));
      }
    }
    Port checked =
        check.portName() == null || check.portName().isEmpty()
            ? port.get()
            : s.port(check.portName()).orElse(port.get());
    return Optional.of(DoPlan.health(check, checked.number()));
  }

  private List<EnvVar> env(Service s) {
    TreeMap<String, EnvVar> env = new TreeMap<>();
    for (Port p : s.ports()) {
      p.envVar()
          .ifPresent(
              v -> env.put(v, new EnvVar(v, HclExpr.str(String.valueOf(p.number())), false)));
    }
    s.env().forEach((k, v) -> env.put(k, new EnvVar(k, HclExpr.str(resolve(v)), false)));
    if (s.type().usesResources()) {
      resourceEnv.forEach(env::putIfAbsent);
    }
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id())) {
        HclExpr value =
            secret.secretClass() == SecretClass.PER_INSTALL_GENERATED
                ? HclExpr.ref("random_password." + ComponentNames.tfName(secret.id()) + ".result")
                : HclExpr.ref("var." + ComponentNames.tfName(secret.id()));
        env.put(secret.targetName(), new EnvVar(secret.targetName(), value, true));
      }
    }
    return List.copyOf(env.values());
  }

  private static List<EnvVar> sortedEnv(List<EnvVar> env) {
    TreeMap<String, EnvVar> sorted = new TreeMap<>();
    env.forEach(e -> sorted.put(e.key(), e));
    return List.copyOf(sorted.values());
  }

  private String resolve(String value) {
    return EnvTemplates.resolve(value, d, ComponentNames::of, DATA_DIR);
  }

  private List<String> resolve(List<String> words) {
    return words.stream().map(this::resolve).toList();
  }

  private List<IngressRule> ingress() {
    List<IngressRule> rules = new ArrayList<>();
    boolean anyExposed = d.services().stream().anyMatch(s -> s.expose().isPresent());
    for (Service s : d.services()) {
      if (components.stream()
          .noneMatch(
              c ->
                  c.kind() == Kind.SERVICE
                      && c.name().equals(ComponentNames.of(s.id()))
                      && c.httpPort().isPresent())) {
        continue;
      }
      s.expose()
          .ifPresent(
              e ->
                  rules.add(
                      new IngressRule(
                          ComponentNames.of(s.id()), e.path(), e.preservePathPrefix())));
    }
    if (!anyExposed) {
      Optional<Service> front =
          d.services().stream()
              .filter(s -> s.type() == ServiceType.UI_BUNDLE)
              .findFirst()
              .or(
                  () ->
                      d.services().stream()
                          .filter(s -> s.type() == ServiceType.API_BINARY)
                          .findFirst());
      front
          .filter(
              s ->
                  components.stream()
                      .anyMatch(
                          c ->
                              c.name().equals(ComponentNames.of(s.id()))
                                  && c.httpPort().isPresent()))
          .ifPresent(
              s -> {
                rules.add(new IngressRule(ComponentNames.of(s.id()), "/", false));
                diagnostics.add(
                    Diagnostic.info(
                        Codes.DEFAULT_ROUTE,
                        s.origin(),
                        "no service declares 'expose'; service '"
                            + s.id()
                            + "' is published at / and the others stay private",
                        null));
              });
    }
    rules.sort(
        Comparator.comparing((IngressRule r) -> -r.prefix().length())
            .thenComparing(IngressRule::prefix));
    return rules;
  }

  private void checkNameClashes() {
    Map<String, String> seen = new TreeMap<>();
    for (Component c : components) {
      String previous = seen.put(c.name(), c.origin());
      if (previous != null) {
        diagnostics.add(
            Diagnostic.error(
                Codes.DUPLICATE_ID,
                SourceLocation.file("bundle"),
                previous
                    + " and "
                    + c.origin()
                    + " both become App Platform component '"
                    + c.name()
                    + "'",
                "rename one of them"));
      }
    }
    for (ManagedDb db : databases) {
      if (seen.containsKey(ComponentNames.of(db.resourceName()))) {
        diagnostics.add(
            Diagnostic.error(
                Codes.DUPLICATE_ID,
                SourceLocation.file("bundle"),
                "database '"
                    + db.resourceName()
                    + "' has the same name as an App Platform component",
                "rename one of them"));
      }
    }
  }
}
