package s2c.targets.aws;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import s2c.chart.HelmCharts;
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
import s2c.spi.OfficialImages;
import s2c.spi.ResourcePlacement;
import s2c.targets.aws.AwsPlan.Cache;
import s2c.targets.aws.AwsPlan.Database;
import s2c.targets.aws.AwsPlan.Env;
import s2c.targets.aws.AwsPlan.HttpCheck;
import s2c.targets.aws.AwsPlan.MigrationTask;
import s2c.targets.aws.AwsPlan.Route;
import s2c.targets.aws.AwsPlan.Secret;
import s2c.targets.aws.AwsPlan.SecretEnv;
import s2c.targets.aws.AwsPlan.Task;

/** Makes every AWS decision about a {@link Deployment}; pure, reports through diagnostics. */
final class AwsPlanner {
  static final String DATA_DIR = "/data";
  static final String DB_USER = "s2c_app";

  private final Deployment d;
  private final List<Diagnostic> diagnostics;
  private final AwsSettings settings;
  private final boolean prod;
  private final String namespace;
  private final List<Task> tasks = new ArrayList<>();
  private final List<MigrationTask> migrations = new ArrayList<>();
  private final List<Database> databases = new ArrayList<>();
  private final List<Cache> caches = new ArrayList<>();
  private final Map<String, Secret> secrets = new LinkedHashMap<>();

  /** What every API, worker and migration gets from backing resources. */
  private final TreeMap<String, Env> resourceEnv = new TreeMap<>();

  private final TreeMap<String, SecretEnv> resourceSecrets = new TreeMap<>();

  /** The Terraform names of the services that use backing resources (APIs and workers). */
  private final List<String> consumers;

  private AwsPlanner(Deployment d, List<Diagnostic> diagnostics) {
    this.d = d;
    this.diagnostics = diagnostics;
    this.settings = AwsSettings.of(d);
    this.prod = d.environment().equals("prod") || d.environment().equals("production");
    this.namespace = AwsNames.dashed(d.instance(), 40) + ".internal";
    this.consumers =
        d.services().stream()
            .filter(s -> s.type().usesResources())
            .map(s -> AwsNames.tf(s.id()))
            .toList();
  }

  static AwsPlan plan(Deployment d, List<Diagnostic> diagnostics) {
    return new AwsPlanner(d, diagnostics).run();
  }

  private AwsPlan run() {
    stateBackend();
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    for (Service s : d.services()) {
      service(s);
    }
    checkNameClashes();
    return new AwsPlan(
        AwsNames.dashed(d.instance(), 28),
        d.scenario(),
        d.environment(),
        settings.regionOrDefault(),
        prod,
        network(),
        tasks,
        migrations,
        databases,
        caches,
        List.copyOf(secrets.values()),
        edge(),
        settings.retention(prod),
        namespace,
        Optional.empty());
  }

  /**
   * The EKS flavour: the chart (rendered first, through the kubernetes target's library) decides
   * what runs; this plans what it runs on: the network, the Secrets Manager secrets its
   * ExternalSecrets read, the certificate of its load balancer and a node pool sized from its
   * requests.
   */
  static AwsPlan planEks(Deployment d, HelmCharts.Chart chart, List<Diagnostic> diagnostics) {
    return new AwsPlanner(d, diagnostics).runEks(chart);
  }

  private AwsPlan runEks(HelmCharts.Chart chart) {
    stateBackend();
    chart
        .storeKeys()
        .forEach(
            (key, cls) -> {
              Optional<SecretRef> ref =
                  d.secrets().stream().filter(x -> x.id().equals(key)).findFirst();
              Secret secret =
                  new Secret(
                      AwsNames.tf(key),
                      key,
                      SecretClass.fromWire(cls),
                      ref.map(SecretRef::description)
                          .orElse("endpoint of a backing resource run outside this deployment"),
                      0);
              secrets.put(secret.tf(), secret);
            });
    AwsPlan.Network network = network();
    EksPlatform.Ceiling ceiling = EksPlatform.ceiling(chart.requests());
    AwsPlan.Edge edge =
        new AwsPlan.Edge(
            chart.exposed() ? d.domain() : Optional.empty(),
            settings.route53ZoneId(),
            settings.certificateArn(),
            List.of(),
            Optional.empty());
    if (chart.exposed()) {
      requireCertificate();
    }
    AwsPlan.Eks eks =
        new AwsPlan.Eks(
            settings.eksVersion().orElse(AwsSettings.EKS_VERSION),
            EksPlatform.namespace(d),
            d.scenario(),
            ceiling.cpu(),
            ceiling.memoryGi(),
            chart.exposed(),
            EksPlatform.loadBalancerCidr(settings));
    return new AwsPlan(
        AwsNames.dashed(d.instance(), 28),
        d.scenario(),
        d.environment(),
        settings.regionOrDefault(),
        prod,
        network,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.copyOf(secrets.values()),
        edge,
        settings.retention(prod),
        namespace,
        Optional.of(eks));
  }

  private void requireCertificate() {
    if (d.domain().isPresent()
        && settings.route53ZoneId().isEmpty()
        && settings.certificateArn().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              Codes.MISSING_FIELD,
              SourceLocation.file("values"),
              "domain '"
                  + d.domain().get()
                  + "' needs a certificate: providers.aws.route53_zone_id (validated in Route 53) or providers.aws.certificate_arn",
              "set providers.aws.route53_zone_id to the domain's hosted zone"));
    }
  }

  private void stateBackend() {
    var backend = d.stateBackend().filter(b -> b.isRemote());
    if (backend.isPresent() && !backend.get().type().equals("s3")) {
      diagnostics.add(
          Diagnostic.error(
              Codes.VALUE_NOT_ALLOWED,
              SourceLocation.file("values"),
              "state_backend type '"
                  + backend.get().type()
                  + "' is not a backend of the AWS target",
              "set state_backend: {type: s3, bucket: <bucket>, region: <region>}"));
    } else if (backend.isEmpty() && prod) {
      diagnostics.add(
          Diagnostic.error(
              Codes.PROD_NEEDS_REMOTE_STATE,
              SourceLocation.file("values"),
              "environment '"
                  + d.environment()
                  + "' needs a remote Terraform state backend; local state is lost with the CI runner",
              "set state_backend: {type: s3, bucket: <bucket>, region: <region>} in values.prod.yaml"));
    } else if (backend.isEmpty()) {
      diagnostics.add(
          Diagnostic.info(
              Codes.PROD_NEEDS_REMOTE_STATE,
              SourceLocation.file("values"),
              "Terraform state is local for environment '" + d.environment() + "'",
              "set state_backend for shared state"));
    }
  }

  private AwsPlan.Network network() {
    boolean existing = settings.vpcId().isPresent();
    if (existing
        && (settings.publicSubnetIds().isEmpty() || settings.privateSubnetIds().isEmpty())) {
      diagnostics.add(
          Diagnostic.error(
              Codes.MISSING_FIELD,
              SourceLocation.file("values"),
              "providers.aws.vpc_id needs public_subnet_ids and private_subnet_ids",
              "list the subnets the load balancer (public) and the tasks (private) use"));
    }
    int azs = settings.azCount();
    return new AwsPlan.Network(
        settings.vpcId(),
        settings.publicSubnetIds(),
        settings.privateSubnetIds(),
        azs,
        settings.vpcCidr().orElse("10.0.0.0/16"),
        // a NAT gateway per zone keeps prod reachable when a zone fails; elsewhere one is shared
        prod ? azs : 1);
  }

  // ---- backing resources ----

  static java.util.SortedMap<String, s2c.spi.ResourceSupport> catalogue() {
    TreeMap<String, s2c.spi.ResourceSupport> out = new TreeMap<>();
    s2c.spi.ResourceSupport rds =
        s2c.spi.ResourceSupport.managed(
            "RDS PostgreSQL (Multi-AZ for prod), master password managed by Secrets Manager");
    s2c.spi.ResourceSupport valkey =
        s2c.spi.ResourceSupport.managed(
            "ElastiCache Valkey with TLS (two nodes with failover for prod)");
    out.put("postgres", rds);
    out.put("postgresql", rds);
    out.put("redis", valkey);
    out.put("valkey", valkey);
    OfficialImages.all()
        .forEach(
            (type, image) ->
                out.put(
                    type,
                    s2c.spi.ResourceSupport.container(
                        image.image()
                            + " as a private Fargate service"
                            + (image.stateful() ? " (task storage is ephemeral)" : ""))));
    out.put(
        "ollama",
        s2c.spi.ResourceSupport.unsupported("it needs a GPU, which Fargate does not offer"));
    out.put(
        "claude-code",
        s2c.spi.ResourceSupport.unsupported("it is a local agent tool, not a network service"));
    out.put(
        "vault",
        s2c.spi.ResourceSupport.unsupported(
            "the deployment reads its secrets from Secrets Manager instead"));
    out.put(
        s2c.spi.ResourceSupport.ANY_OTHER,
        s2c.spi.ResourceSupport.container(
            "the image given in resources.<name>.image as a private Fargate service; without one, mode: external"));
    return java.util.Collections.unmodifiableSortedMap(out);
  }

  private static final java.util.SortedMap<String, s2c.spi.ResourceSupport> CATALOGUE = catalogue();

  private void resource(BackingResource r) {
    String tf = AwsNames.tf(r.name());
    Optional<ResourcePlacement> placement =
        ResourcePlacement.of(
            r,
            "AWS",
            CATALOGUE,
            "the Secrets Manager secret "
                + secretName(tf + "_url")
                + " (its value from TF_VAR_"
                + tf
                + "_url at deploy time)",
            diagnostics);
    if (placement.isEmpty()) {
      return;
    }
    String type = r.type().toLowerCase(Locale.ROOT);
    switch (placement.get()) {
      case MANAGED -> {
        if (type.startsWith("postgres")) {
          database(r, tf);
        } else {
          cache(r, tf);
        }
      }
      case EXTERNAL -> {
        Secret secret =
            new Secret(
                tf + "_url",
                r.name() + "_url",
                SecretClass.REMOTE_FETCH,
                "endpoint of " + r.name() + ", run outside this deployment",
                0);
        secrets.put(secret.tf(), secret);
        List<String> keys =
            OfficialImages.of(type)
                .map(i -> List.of(i.urlEnv()))
                .orElse(
                    type.startsWith("postgres")
                        ? List.of("DATABASE_URL", "POSTGRES_URL")
                        : type.equals("redis") || type.equals("valkey")
                            ? List.of("REDIS_URL")
                            : List.of(r.defaultUrlVariable()));
        for (String key : keys) {
          resourceSecrets.put(key, secretEnv(key, secret));
        }
      }
      default -> container(r, tf, type);
    }
  }

  private void database(BackingResource r, String tf) {
    String dbName = d.scenario().replaceAll("[^A-Za-z0-9]", "_");
    String instanceClass =
        settings
            .dbInstanceClass()
            .or(() -> r.size().filter(x -> x.matches("db\\.[a-z0-9]+\\.[a-z0-9]+")))
            .orElse(prod ? "db.t4g.small" : "db.t4g.micro");
    r.size()
        .filter(x -> !x.equals(instanceClass))
        .filter(x -> settings.dbInstanceClass().isEmpty())
        .ifPresent(
            x ->
                diagnostics.add(
                    Diagnostic.warning(
                        Codes.SIZE_ROUNDED,
                        r.origin(),
                        "size '"
                            + x
                            + "' of '"
                            + r.name()
                            + "' is not an RDS instance class; using "
                            + instanceClass,
                        "set providers.aws.db_instance_class (e.g. db.t4g.medium)")));
    databases.add(
        new Database(
            tf,
            r.name(),
            r.version().orElse("16"),
            instanceClass,
            r.ha().orElse(prod),
            dbName,
            consumers));
    String address = "aws_db_instance." + tf;
    resourceEnv.put("POSTGRES_HOST", new Env("POSTGRES_HOST", HclExpr.ref(address + ".address")));
    resourceEnv.put("POSTGRES_PORT", new Env("POSTGRES_PORT", HclExpr.str("5432")));
    resourceEnv.put("POSTGRES_DB", new Env("POSTGRES_DB", HclExpr.str(dbName)));
    resourceEnv.put("POSTGRES_USER", new Env("POSTGRES_USER", HclExpr.str(DB_USER)));
    resourceSecrets.put(
        "POSTGRES_PASSWORD",
        new SecretEnv(
            "POSTGRES_PASSWORD",
            HclExpr.call(
                "format",
                HclExpr.str("%s:password::"),
                HclExpr.ref(address + ".master_user_secret[0].secret_arn")),
            address));
    diagnostics.add(
        Diagnostic.info(
            Codes.ENV_NOT_PROVIDED,
            r.origin(),
            "'"
                + r.name()
                + "' is RDS PostgreSQL whose password Secrets Manager manages and rotates: the app gets POSTGRES_HOST, _PORT, _DB, _USER and _PASSWORD, not DATABASE_URL (a URL would hold the password in plain text)",
            "build the connection from the POSTGRES_* variables"));
  }

  private void cache(BackingResource r, String tf) {
    caches.add(
        new Cache(
            tf,
            r.name(),
            settings.cacheNodeType().orElse(prod ? "cache.t4g.small" : "cache.t4g.micro"),
            r.ha().orElse(prod),
            consumers));
    HclExpr url =
        HclExpr.call(
            "format",
            HclExpr.str("rediss://%s:6379"),
            HclExpr.ref("aws_elasticache_replication_group." + tf + ".primary_endpoint_address"));
    resourceEnv.put("REDIS_URL", new Env("REDIS_URL", url));
    if (r.type().equalsIgnoreCase("valkey")) {
      resourceEnv.put("VALKEY_URL", new Env("VALKEY_URL", url));
    }
  }

  private void container(BackingResource r, String tf, String type) {
    Optional<OfficialImages.Image> known = OfficialImages.of(type);
    String image = r.image().or(() -> known.map(OfficialImages.Image::image)).orElseThrow();
    if (known.map(OfficialImages.Image::stateful).orElse(false) && !d.environment().equals("dev")) {
      diagnostics.add(
          Diagnostic.error(
              Codes.EPHEMERAL_STORAGE,
              r.origin(),
              "'"
                  + r.name()
                  + "' stores data, and a Fargate task's storage is ephemeral: environment '"
                  + d.environment()
                  + "' would lose every object when the task is replaced",
              "set resources."
                  + r.name()
                  + ".mode: external (S3 speaks its API), or deploy to dev"));
      return;
    }
    int port = known.map(OfficialImages.Image::port).orElse(8080);
    List<SecretEnv> own = new ArrayList<>();
    List<Env> env = new ArrayList<>();
    known
        .flatMap(OfficialImages.Image::rootPasswordEnv)
        .ifPresent(
            passwordEnv -> {
              // never the image's default credentials: a generated password and a named user
              Secret password =
                  new Secret(
                      tf + "_root_password",
                      r.name() + "_root_password",
                      SecretClass.PER_INSTALL_GENERATED,
                      "admin password of " + r.name(),
                      32);
              secrets.put(password.tf(), password);
              String userEnv = known.get().rootUserEnv().orElseThrow();
              Env user =
                  new Env(userEnv, HclExpr.str(AwsNames.dashed(d.scenario() + "-admin", 32)));
              env.add(user);
              own.add(secretEnv(passwordEnv, password));
              resourceEnv.put(userEnv, user);
              resourceSecrets.put(passwordEnv, secretEnv(passwordEnv, password));
            });
    diagnostics.add(
        Diagnostic.warning(
            Codes.RESOURCE_AS_CONTAINER,
            r.origin(),
            "'"
                + r.name()
                + "' has no AWS managed equivalent here; it runs from "
                + image
                + " as a private Fargate service with ephemeral storage",
            "alternatives: a swap in the bundle, or resources."
                + r.name()
                + ".mode: external with an endpoint you run elsewhere"));
    tasks.add(
        new Task(
            tf,
            r.name(),
            "resource " + r.name(),
            image,
            known.map(OfficialImages.Image::command).orElse(List.of()),
            FargateSizes.fit(BigDecimal.ONE.divide(BigDecimal.valueOf(2)), 1024).orElseThrow(),
            1,
            Optional.of(port),
            sortedEnv(env),
            sortedSecrets(own),
            Optional.empty(),
            Optional.empty(),
            consumers,
            own.stream().map(SecretEnv::secretAddress).distinct().sorted().toList()));
    String urlEnv = known.map(OfficialImages.Image::urlEnv).orElse(r.defaultUrlVariable());
    String scheme = known.map(OfficialImages.Image::scheme).orElse("http");
    resourceEnv.put(
        urlEnv,
        new Env(
            urlEnv,
            HclExpr.str(
                scheme + "://" + AwsNames.dashed(r.name(), 63) + "." + namespace + ":" + port)));
  }

  // ---- services ----

  private void service(Service s) {
    if (s.image().isEmpty()) {
      diagnostics.add(
          ImageEntrypoint.missing(
              s, "ECS runs images", "<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>"));
      return;
    }
    diagnostics.addAll(ImageEntrypoint.notes(d, s));
    s2c.spi.Volumes.unavailable(s, "Fargate", d.environment()).ifPresent(diagnostics::add);
    if (s.writesData() && s.volume().isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.EPHEMERAL_STORAGE,
              s.origin(),
              "service '"
                  + s.id()
                  + "' writes data, but a Fargate task's storage is ephemeral: files under "
                  + DATA_DIR
                  + " are lost when the task is replaced",
              "keep state in a backing resource (postgres, S3) for production"));
    }
    String tf = AwsNames.tf(s.id());
    List<Env> env = new ArrayList<>();
    for (Port p : s.ports()) {
      p.envVar().ifPresent(v -> env.add(new Env(v, HclExpr.str(String.valueOf(p.number())))));
    }
    s.env().forEach((k, v) -> env.add(new Env(k, HclExpr.str(resolve(v)))));
    List<SecretEnv> secretEnv = new ArrayList<>();
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id()) && secret.secretClass() != SecretClass.INFRASTRUCTURE) {
        Secret planned =
            secrets.computeIfAbsent(
                AwsNames.tf(secret.id()),
                k ->
                    new Secret(
                        k,
                        secret.id(),
                        secret.secretClass(),
                        secret.description(),
                        Math.max(16, secret.generatedLength())));
        secretEnv.add(secretEnv(secret.targetName(), planned));
      }
    }
    if (s.type().usesResources()) {
      resourceEnv.values().forEach(e -> env.add(e));
      secretEnv.addAll(resourceSecrets.values());
    }
    Optional<Port> port = s.type() == ServiceType.WORKER ? Optional.empty() : s.primaryPort();
    BigDecimal cpu = s.size().cpu().orElse(new BigDecimal("0.25"));
    int memory = s.size().memoryMi().orElse(512);
    FargateSizes.Size size =
        FargateSizes.fit(cpu, memory)
            .orElseGet(
                () -> {
                  diagnostics.add(
                      Diagnostic.warning(
                          Codes.SIZE_ROUNDED,
                          s.origin(),
                          "service '"
                              + s.id()
                              + "' asks for more than the largest Fargate task; using 16 vCPU / 120 GiB",
                          null));
                  return FargateSizes.ALL.get(FargateSizes.ALL.size() - 1);
                });
    s2c.spi.InstanceLimits.check(
            d,
            s,
            "a Fargate task of " + size.cpu() + " CPU units / " + size.memory() + " MiB",
            BigDecimal.valueOf(size.cpu()).divide(BigDecimal.valueOf(1024)),
            size.memory())
        .ifPresent(diagnostics::add);
    boolean declared = s.size().cpu().isPresent() || s.size().memoryMi().isPresent();
    if (declared
        && (size.memory() != memory
            || cpu.multiply(BigDecimal.valueOf(1024)).compareTo(BigDecimal.valueOf(size.cpu()))
                != 0)) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.SIZE_ROUNDED,
              s.origin(),
              "service '"
                  + s.id()
                  + "' asks for "
                  + cpu.stripTrailingZeros().toPlainString()
                  + " vCPU / "
                  + memory
                  + " MiB; Fargate runs it as "
                  + size.cpu()
                  + " CPU units / "
                  + size.memory()
                  + " MiB, the nearest valid size",
              null));
    }
    boolean routed = routedServices().contains(s.id());
    Optional<List<String>> healthCommand = Optional.empty();
    Optional<HttpCheck> lbCheck = Optional.empty();
    HealthCheck h = s.health();
    switch (h.kind()) {
      case HTTP -> {
        if (routed && port.isPresent()) {
          lbCheck =
              Optional.of(
                  new HttpCheck(
                      h.path(),
                      Math.max(5, h.intervalMs() / 1000),
                      Math.max(
                          2,
                          Math.min(Math.max(5, h.intervalMs() / 1000) - 1, h.timeoutMs() / 1000)),
                      Math.max(2, Math.min(10, h.retries()))));
        } else {
          approximated(s, "HTTP check (the load balancer does not route to it)");
        }
      }
      case COMMAND -> {
        List<String> command = new ArrayList<>(List.of("CMD"));
        command.addAll(resolve(h.command()));
        healthCommand = Optional.of(command);
      }
      default ->
          approximated(s, h.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + " check");
    }
    List<String> reachableFrom =
        d.services().stream()
            .filter(o -> o.dependencies().contains(s.id()))
            .map(o -> AwsNames.tf(o.id()))
            .sorted()
            .toList();
    List<SecretEnv> sortedSecrets = sortedSecrets(secretEnv);
    Task task =
        new Task(
            tf,
            s.id(),
            "service " + s.id(),
            s.image().get(),
            resolve(s.command()),
            size,
            Math.max(1, s.replicas()),
            port.map(Port::number),
            sortedEnv(env),
            sortedSecrets,
            healthCommand,
            lbCheck,
            port.isPresent() ? reachableFrom : List.of(),
            sortedSecrets.stream().map(SecretEnv::secretAddress).distinct().sorted().toList());
    tasks.add(task);
    for (Migration m : s.migrations()) {
      String version = m.version().replaceAll("[^A-Za-z0-9]+", "").toLowerCase(Locale.ROOT);
      List<Env> jobEnv = new ArrayList<>(task.environment());
      m.env().forEach((k, v) -> jobEnv.add(new Env(k, HclExpr.str(resolve(v)))));
      Task base =
          new Task(
              tf + "_migrate_" + version.substring(0, Math.min(12, version.length())),
              s.id(),
              "migration " + m.version() + " of service " + s.id(),
              task.image(),
              resolve(m.command()),
              size,
              1,
              Optional.empty(),
              sortedEnv(jobEnv),
              task.secrets(),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              task.waitsFor());
      migrations.add(new MigrationTask(s.id(), m.version(), base));
    }
  }

  private void approximated(Service s, String what) {
    diagnostics.add(
        Diagnostic.warning(
            Codes.HEALTH_APPROXIMATED,
            s.origin(),
            "service '"
                + s.id()
                + "': ECS cannot run its "
                + what
                + " without a program in its image, so it restarts the service only when its process exits",
            "expose it (the load balancer checks HTTP), or give it a command check"));
  }

  private SecretEnv secretEnv(String name, Secret secret) {
    return new SecretEnv(
        name,
        HclExpr.ref("aws_secretsmanager_secret." + secret.tf() + ".arn"),
        "aws_secretsmanager_secret_version." + secret.tf());
  }

  String secretName(String tf) {
    return d.secretPath() + "/" + tf;
  }

  private static List<Env> sortedEnv(List<Env> env) {
    TreeMap<String, Env> sorted = new TreeMap<>();
    env.forEach(e -> sorted.putIfAbsent(e.name(), e));
    return List.copyOf(sorted.values());
  }

  private static List<SecretEnv> sortedSecrets(List<SecretEnv> env) {
    TreeMap<String, SecretEnv> sorted = new TreeMap<>();
    env.forEach(e -> sorted.putIfAbsent(e.name(), e));
    return List.copyOf(sorted.values());
  }

  // ---- edge ----

  /** The services the load balancer routes to: those that expose a path, else the front one. */
  private List<String> routedServices() {
    List<String> exposed =
        d.services().stream()
            .filter(s -> s.expose().isPresent() && s.type() != ServiceType.WORKER)
            .filter(s -> s.primaryPort().isPresent() && s.image().isPresent())
            .map(Service::id)
            .toList();
    return exposed.isEmpty() ? front().map(List::of).orElse(List.of()) : exposed;
  }

  private Optional<String> front() {
    return d.services().stream()
        .filter(s -> s.type() == ServiceType.UI_BUNDLE)
        .filter(s -> s.primaryPort().isPresent() && s.image().isPresent())
        .findFirst()
        .or(
            () ->
                d.services().stream()
                    .filter(s -> s.type() == ServiceType.API_BINARY)
                    .filter(s -> s.primaryPort().isPresent() && s.image().isPresent())
                    .findFirst())
        .map(Service::id);
  }

  private AwsPlan.Edge edge() {
    List<Route> routes = new ArrayList<>();
    boolean anyExposed = d.services().stream().anyMatch(s -> s.expose().isPresent());
    Optional<String> defaultTask = Optional.empty();
    for (String id : routedServices()) {
      Service s = d.service(id).orElseThrow();
      String tf = AwsNames.tf(id);
      String path = s.expose().map(e -> e.path()).orElse("/");
      if (path.equals("/")) {
        defaultTask = Optional.of(tf);
      } else {
        routes.add(new Route(path.replaceAll("/+$", ""), tf));
      }
    }
    if (!anyExposed) {
      front()
          .ifPresent(
              id ->
                  diagnostics.add(
                      Diagnostic.info(
                          Codes.DEFAULT_ROUTE,
                          d.service(id).orElseThrow().origin(),
                          "no service declares 'expose'; service '"
                              + id
                              + "' is published at / and the others stay private",
                          null)));
    }
    routes.sort(Comparator.comparing((Route r) -> -r.path().length()).thenComparing(Route::path));
    if (!routedServices().isEmpty()) {
      requireCertificate();
    }
    if (routedServices().isEmpty()) {
      diagnostics.add(
          Diagnostic.info(
              Codes.OPTIONAL_OUTPUT_SKIPPED,
              SourceLocation.file("bundle"),
              "no public HTTP service to route to: no load balancer is created",
              null));
    } else if (d.domain().isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.OPTIONAL_OUTPUT_SKIPPED,
              SourceLocation.file("values"),
              "no domain: the load balancer serves plain HTTP on its AWS host name",
              "set domain and providers.aws.route53_zone_id for HTTPS"));
    }
    return new AwsPlan.Edge(
        d.domain(), settings.route53ZoneId(), settings.certificateArn(), routes, defaultTask);
  }

  private void checkNameClashes() {
    Map<String, String> seen = new TreeMap<>();
    // a data store and a service share the names of their security groups and rules
    databases.forEach(db -> seen.put(db.tf(), "resource " + db.resource()));
    caches.forEach(c -> seen.put(c.tf(), "resource " + c.resource()));
    for (Task t : tasks) {
      String previous = seen.put(t.tf(), t.origin());
      if (previous != null) {
        diagnostics.add(
            Diagnostic.error(
                Codes.DUPLICATE_ID,
                SourceLocation.file("bundle"),
                previous + " and " + t.origin() + " both take the AWS name '" + t.tf() + "'",
                "rename one of them"));
      }
    }
  }

  private String resolve(String value) {
    return EnvTemplates.resolve(
        value, d, service -> AwsNames.dashed(service, 63) + "." + namespace, DATA_DIR);
  }

  private List<String> resolve(List<String> words) {
    return words.stream().map(this::resolve).toList();
  }
}
