package s2c.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import s2c.chart.ChartValues.Autoscaling;
import s2c.chart.ChartValues.Dependency;
import s2c.chart.ChartValues.Expose;
import s2c.chart.ChartValues.ExternalSecret;
import s2c.chart.ChartValues.GeneratedSecret;
import s2c.chart.ChartValues.ImageRef;
import s2c.chart.ChartValues.MigrationValues;
import s2c.chart.ChartValues.NamedPort;
import s2c.chart.ChartValues.Password;
import s2c.chart.ChartValues.Probe;
import s2c.chart.ChartValues.ResourceList;
import s2c.chart.ChartValues.ResourceValues;
import s2c.chart.ChartValues.Resources;
import s2c.chart.ChartValues.Route;
import s2c.chart.ChartValues.Scheduling;
import s2c.chart.ChartValues.SecretEnv;
import s2c.chart.ChartValues.ServiceValues;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.BackingResource;
import s2c.model.Deployment;
import s2c.model.HealthCheck;
import s2c.model.Migration;
import s2c.model.Port;
import s2c.model.SecretClass;
import s2c.model.SecretRef;
import s2c.model.Service;
import s2c.spi.EnvTemplates;
import s2c.spi.ImageEntrypoint;
import s2c.spi.ResourcePlacement;

/**
 * Every Kubernetes decision about a {@link Deployment}, as the chart's values ({@link
 * ChartValues}): the templates are generic and read only these.
 */
final class ChartModel {
  /**
   * Where a value addresses another service of the release. The chart replaces it with the
   * release's full name (helper "s2c.data"); bundle input cannot produce it, because every "${...}"
   * in the bundle is a checked reference resolved before this point.
   */
  static final String FULLNAME = "${s2c.fullname}";

  private final Deployment d;
  private final List<Diagnostic> diagnostics;
  private final SortedMap<String, ServiceValues> services = new TreeMap<>();
  private final SortedMap<String, ResourceValues> resources = new TreeMap<>();
  private final SortedMap<String, ExternalSecret> externalSecrets = new TreeMap<>();
  private final SortedMap<String, GeneratedSecret> generatedSecrets = new TreeMap<>();

  private final ChartPlatform platform;

  ChartModel(Deployment d, ChartPlatform platform, List<Diagnostic> diagnostics) {
    this.d = d;
    this.diagnostics = diagnostics;
    this.platform = platform;
  }

  ChartValues values() {
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    for (Service s : d.services()) {
      service(s);
    }
    SortedMap<String, List<String>> allowFrom = allowFrom();
    services.replaceAll(
        (name, svc) -> allowFrom.containsKey(name) ? withAllowFrom(svc, allowFrom.get(name)) : svc);
    resources.replaceAll(
        (name, res) -> withAllowFrom(res, allowFrom.getOrDefault(name, List.of())));
    String host = platform.ingressHost();
    boolean certManager = !host.isEmpty() && !platform.clusterIssuer().isEmpty();
    return new ChartValues(
        "",
        "",
        d.environment(),
        new TreeMap<>(Map.of("scenario-to-cloud.vrooli.dev/scenario", d.scenario())),
        new ChartValues.ImagePolicy("IfNotPresent", List.of()),
        Scheduling.NONE,
        List.of(),
        "",
        new ChartValues.ServiceAccount(true, "", Map.of()),
        new ChartValues.PodSecurityContext(
            true, 10001, 10001, 10001, new ChartValues.SeccompProfile("RuntimeDefault")),
        new ChartValues.ContainerSecurityContext(
            false, true, new ChartValues.Capabilities(List.of("ALL"))),
        new ChartValues.Ingress(
            true,
            platform.ingressClass(),
            host,
            new TreeMap<>(platform.ingressAnnotations()),
            platform.healthCheckPathAnnotation(),
            new ChartValues.Tls(certManager, ""),
            new ChartValues.CertManager(certManager, platform.clusterIssuer())),
        new ChartValues.NetworkPolicy(
            true, platform.ingressNamespace(), platform.loadBalancerCidrs()),
        new ChartValues.SecretStore(
            platform.secretStoreKind(),
            platform.secretStoreName(),
            "1h",
            d.secretPath(),
            platform.secretStoreProperty()),
        new ChartValues.WaitFor("busybox:1.36.1", Resources.guaranteed("50m", 32)),
        // post-install: on a first install the Job's Secrets (ExternalSecrets) and database do not
        // exist before the release's objects; pre-upgrade: later, they do, and the schema moves
        // before the code
        new ChartValues.MigrationHooks(true, "post-install,pre-upgrade"),
        services,
        resources,
        externalSecrets,
        generatedSecrets);
  }

  /**
   * Who may connect to each service and resource (the NetworkPolicies): a resource, from every API
   * and worker; a service, from those that depend on it; and a service's migration Job (component
   * "<service>-migration") from where the service may.
   */
  private SortedMap<String, List<String>> allowFrom() {
    SortedMap<String, List<String>> from = new TreeMap<>();
    List<String> consumers =
        d.services().stream()
            .filter(s -> s.type().usesResources())
            .map(s -> K8sNames.of(s.id()))
            .toList();
    for (String r : resources.keySet()) {
      from.put(r, new ArrayList<>(consumers));
    }
    for (Service s : d.services()) {
      for (String dep : s.dependencies()) {
        if (d.service(dep).isPresent()) {
          from.computeIfAbsent(K8sNames.of(dep), k -> new ArrayList<>()).add(K8sNames.of(s.id()));
        }
      }
    }
    for (Service s : d.services()) {
      if (!s.migrations().isEmpty()) {
        String name = K8sNames.of(s.id());
        from.values().stream()
            .filter(f -> f.contains(name))
            .forEach(f -> f.add(name + "-migration"));
      }
    }
    from.replaceAll((name, list) -> List.copyOf(new TreeSet<>(list)));
    return from;
  }

  private static ServiceValues withAllowFrom(ServiceValues s, List<String> from) {
    return new ServiceValues(
        s.enabled(),
        s.kind(),
        s.source(),
        s.image(),
        s.replicas(),
        s.command(),
        s.ports(),
        s.env(),
        s.secretEnv(),
        s.uses(),
        s.resources(),
        s.scheduling(),
        s.extraEnv(),
        s.existingSecret(),
        s.readinessProbe(),
        s.livenessProbe(),
        s.startupProbe(),
        s.dependsOn(),
        s.writableDirs(),
        s.persistence(),
        s.expose(),
        s.autoscaling(),
        s.migrations(),
        Optional.of(from));
  }

  private static ResourceValues withAllowFrom(ResourceValues r, List<String> from) {
    return new ResourceValues(
        r.enabled(),
        r.name(),
        r.type(),
        r.mode(),
        r.image(),
        r.port(),
        r.dataPath(),
        r.storage(),
        r.storageClassName(),
        r.runAsUser(),
        r.args(),
        r.writableDirs(),
        r.resources(),
        r.env(),
        r.password(),
        r.urlEnv(),
        r.inClusterUrl(),
        r.scheduling(),
        r.externalRemoteKey(),
        from);
  }

  private void service(Service s) {
    if (s.image().isEmpty()) {
      diagnostics.add(
          ImageEntrypoint.missing(
              s, "a Kubernetes deployment needs one", "ghcr.io/<owner>/<repo>:<tag>"));
      return;
    }
    diagnostics.addAll(ImageEntrypoint.notes(d, s));
    TreeMap<String, String> env = new TreeMap<>();
    for (Port p : s.ports()) {
      p.envVar().ifPresent(e -> env.put(e, String.valueOf(p.number())));
    }
    s.env().forEach((k, val) -> env.put(k, resolve(val)));
    List<SecretEnv> secretEnv = new ArrayList<>();
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id())) {
        secretEnv.add(
            new SecretEnv(
                secret.targetName(),
                secretName(secret),
                secret.secretClass() == SecretClass.PER_INSTALL_GENERATED ? "password" : "value"));
      }
    }
    List<Dependency> dependsOn = new ArrayList<>();
    for (String dep : s.dependencies()) {
      d.service(dep)
          .flatMap(Service::primaryPort)
          .ifPresent(
              p -> dependsOn.add(new Dependency(K8sNames.of(dep), p.number(), Optional.empty())));
      ResourceValues r = resources.get(K8sNames.of(dep));
      if (r != null) {
        dependsOn.add(new Dependency(K8sNames.of(dep), r.port(), Optional.of(K8sNames.of(dep))));
      }
    }
    List<String> writable = new ArrayList<>(List.of("/tmp"));
    if (s.writesData() || s.volume().isPresent()) {
      writable.add("/data");
    }
    if (s.writesData() && s.volume().isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.EPHEMERAL_STORAGE,
              s.origin(),
              "service '"
                  + s.id()
                  + "' writes data; the chart gives it an emptyDir at /data, which is lost when the pod is replaced",
              "set services."
                  + s.id()
                  + ".volume: {size: 10Gi} for a PersistentVolumeClaim, or keep state in a backing resource (postgres, minio)"));
    }
    s.volume()
        .filter(v -> !v.sharedByReplicas() && s.replicas() > 1)
        .ifPresent(
            v ->
                diagnostics.add(
                    Diagnostic.warning(
                        Codes.VOLUME_UNAVAILABLE,
                        s.origin(),
                        "service '"
                            + s.id()
                            + "' has "
                            + s.replicas()
                            + " replicas and a ReadWriteOnce volume: replicas on other nodes cannot mount it",
                        "access_mode: ReadWriteMany (with a storage class that offers it), or replicas: 1")));
    ChartValues.Persistence persistence =
        s.volume()
            .map(
                v ->
                    new ChartValues.Persistence(
                        true, v.size(), v.accessMode(), platform.storageClass()))
            .orElse(
                new ChartValues.Persistence(
                    false, "1Gi", s2c.model.Volume.READ_WRITE_ONCE, platform.storageClass()));
    Expose expose =
        s.expose()
            .filter(e -> !s.ports().isEmpty())
            .map(
                e ->
                    new Expose(
                        true,
                        e.path(),
                        e.routes().stream()
                            .filter(r -> s.port(r.portName()).isPresent())
                            .map(r -> new Route(r.path(), K8sNames.of(r.portName())))
                            .toList()))
            .orElse(Expose.NONE);
    List<MigrationValues> migrations = new ArrayList<>();
    for (Migration m : s.migrations()) {
      String version = m.version().replaceAll("[^A-Za-z0-9]+", "").toLowerCase(Locale.ROOT);
      migrations.add(
          new MigrationValues(
              version.substring(0, Math.min(12, version.length())),
              resolve(m.command()),
              new TreeMap<>(m.env())));
    }
    Optional<Probe> readiness = probe(s);
    HealthCheck h = s.health();
    services.put(
        K8sNames.of(s.id()),
        new ServiceValues(
            true,
            s.type().wire(),
            d.inputName() + "#" + s.origin().pointer(),
            ImageRef.parse(s.image().get()),
            s.replicas(),
            resolve(s.command()),
            s.ports().stream().map(p -> new NamedPort(K8sNames.of(p.name()), p.number())).toList(),
            env,
            secretEnv,
            s.type().usesResources() ? List.copyOf(resources.keySet()) : List.of(),
            sized(s),
            Scheduling.NONE,
            List.of(),
            "",
            readiness,
            // three knobs, one check: readiness takes the pod out of the Service at the bundle's
            // retries; liveness restarts it only after twice as many failures, so a slow
            // dependency is not a restart loop
            readiness.map(p -> p.withFailureThreshold(Math.max(3, 2 * Math.max(1, h.retries())))),
            // the startup probe gives the service its grace period before liveness counts
            readiness.map(
                p ->
                    p.withFailureThreshold(
                        Math.max(
                            3,
                            h.initialDelayMs() / 1000 / p.periodSeconds()
                                + Math.max(1, h.retries())))),
            dependsOn,
            writable,
            persistence,
            expose,
            new Autoscaling(false, Math.max(1, s.replicas()), Math.max(3, s.replicas() * 2), 80),
            migrations,
            Optional.empty()));
  }

  /** The service's health check as a readiness probe; none when it names no usable port. */
  private Optional<Probe> probe(Service s) {
    HealthCheck h = s.health();
    Optional<String> port = s.portName(h.portName()).map(p -> K8sNames.of(p.name()));
    int period = Math.max(1, h.intervalMs() / 1000);
    int timeout = Math.max(1, h.timeoutMs() / 1000);
    int retries = Math.max(1, h.retries());
    return switch (h.kind()) {
      case HTTP ->
          port.map(
              p ->
                  new Probe(
                      "http",
                      Optional.of(h.path()),
                      Optional.of(p),
                      Optional.empty(),
                      period,
                      timeout,
                      retries));
      case TCP, LOG_MATCH -> {
        if (port.isPresent() && h.kind() == HealthCheck.Kind.LOG_MATCH) {
          diagnostics.add(
              Diagnostic.warning(
                  Codes.HEALTH_APPROXIMATED,
                  s.origin(),
                  "Kubernetes cannot probe a log match; service '"
                      + s.id()
                      + "' is probed by a TCP connect",
                  null));
        }
        yield port.map(
            p ->
                new Probe(
                    "tcp",
                    Optional.empty(),
                    Optional.of(p),
                    Optional.empty(),
                    period,
                    timeout,
                    retries));
      }
      case COMMAND ->
          Optional.of(
              new Probe(
                  "exec",
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(resolve(h.command())),
                  period,
                  timeout,
                  retries));
      default -> Optional.empty();
    };
  }

  private void resource(BackingResource r) {
    String name = K8sNames.of(r.name());
    Optional<ResourcePlacement> placement =
        ResourcePlacement.of(
            r,
            "the chart",
            ResourceImages.asData(),
            "the secret store key " + d.secretPath() + "/" + name + "_url",
            diagnostics);
    if (placement.isEmpty()) {
      return;
    }
    boolean external = placement.get() == ResourcePlacement.EXTERNAL;
    if (!external && r.ha().orElse(false)) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.HA_UNAVAILABLE,
              r.origin(),
              "'"
                  + r.name()
                  + "' is asked to be highly available, but runs in the chart as one instance",
              "use mode: external with a managed database or an operator's cluster"));
    }
    ResourceImages.Spec s =
        ResourceImages.of(r.type())
            .orElse(
                new ResourceImages.Spec(
                    r.image().orElse(""),
                    8080,
                    "/data",
                    1000,
                    List.of("/tmp"),
                    List.of(),
                    List.of(r.defaultUrlVariable()),
                    "http",
                    false,
                    "",
                    false));
    boolean enabled = true;
    if (s.needsGpu() && !external) {
      if (r.required()) {
        diagnostics.add(
            Diagnostic.warning(
                Codes.RESOURCE_AS_CONTAINER,
                r.origin(),
                "'"
                    + r.name()
                    + "' runs in the chart and asks for one nvidia.com/gpu: the cluster needs GPU nodes",
                null));
      } else {
        enabled = false;
        diagnostics.add(
            Diagnostic.warning(
                Codes.OPTIONAL_RESOURCE_DROPPED,
                r.origin(),
                "optional resource '"
                    + r.name()
                    + "' needs a GPU; it is in the chart but disabled (backingResources."
                    + name
                    + ".enabled)",
                "enable it on clusters with GPU nodes, or use mode: external"));
      }
    }
    String type = r.type().toLowerCase(Locale.ROOT);
    TreeMap<String, String> env = new TreeMap<>();
    String db = d.scenario().replace('-', '_');
    String address = FULLNAME + "-" + name + ":" + s.port();
    String url = s.urlScheme() + "://" + address;
    switch (type) {
      case "postgres", "postgresql" -> {
        env.put("POSTGRES_USER", "app");
        env.put("POSTGRES_DB", db);
        env.put("PGDATA", s.dataPath() + "/pgdata");
        url =
            "postgres://app:$(S2C_"
                + K8sNames.envSuffix(name)
                + "_PASSWORD)@"
                + address
                + "/"
                + db
                + "?sslmode=disable";
      }
      case "minio" -> env.put("MINIO_ROOT_USER", "admin");
      case "ollama" -> {
        env.put("HOME", "/data");
        env.put("OLLAMA_MODELS", "/data/models");
      }
      default -> {}
    }
    Optional<Password> password = Optional.empty();
    if (s.password()) {
      String secret = name + "-password";
      generatedSecrets.put(secret, new GeneratedSecret(24));
      password =
          Optional.of(
              new Password(
                  secret, "S2C_" + K8sNames.envSuffix(name) + "_PASSWORD", s.passwordServerEnv()));
    }
    resources.put(
        name,
        new ResourceValues(
            enabled,
            name,
            type,
            external ? "external" : "inCluster",
            r.image()
                .orElse(
                    r.version()
                        .filter(v -> v.contains("."))
                        .map(v -> s.image().replaceAll(":.*$", ":" + v))
                        .orElse(s.image())),
            s.port(),
            s.dataPath(),
            r.size().filter(x -> x.matches("[0-9]+(Mi|Gi|Ti)")).orElse("8Gi"),
            platform.storageClass(),
            s.runAsUser(),
            s.args(),
            s.writableDirs(),
            new Resources(
                new ResourceList("250m", "512Mi"),
                new ResourceList("1", "1Gi", s.needsGpu() ? Optional.of(1) : Optional.empty())),
            env,
            password,
            s.urlEnv(),
            url,
            // a GPU resource (ollama) needs its taint tolerated and its node selected; its env is
            // its image's configuration, set above, so it has no extraEnv or existingSecret
            Scheduling.NONE,
            name + "_url",
            List.of()));
  }

  private String secretName(SecretRef secret) {
    String name = K8sNames.of(secret.id());
    if (secret.secretClass() == SecretClass.PER_INSTALL_GENERATED) {
      generatedSecrets.put(name, new GeneratedSecret(Math.max(16, secret.generatedLength())));
    } else {
      externalSecrets.put(
          name, new ExternalSecret("value", secret.id(), secret.secretClass().wire()));
    }
    return name;
  }

  private Resources sized(Service s) {
    BigDecimal cpu = s.size().cpu().orElse(new BigDecimal("0.25"));
    int memory = s.size().memoryMi().orElse(256);
    // what a pod reserves on its node is its requests
    s2c.spi.InstanceLimits.check(d, s, "pods requesting " + millis(cpu, 1000), cpu, memory)
        .ifPresent(diagnostics::add);
    return new Resources(
        new ResourceList(millis(cpu, 1000), memory + "Mi"),
        new ResourceList(millis(cpu, 2000), memory + "Mi"));
  }

  private static String millis(BigDecimal cpu, int factor) {
    return cpu.multiply(BigDecimal.valueOf(factor))
            .setScale(0, RoundingMode.CEILING)
            .toPlainString()
        + "m";
  }

  /**
   * Resolves the bundle's references; the text stays data (the chart never passes values to tpl).
   * Kubernetes itself expands "$(VAR)" in env values, command and args: input's "$(" is written as
   * "$$(", which Kubernetes turns back into a literal "$(".
   */
  private String resolve(String value) {
    return EnvTemplates.resolve(
        value.replace("$(", "$$("), d, service -> FULLNAME + "-" + K8sNames.of(service), "/data");
  }

  private List<String> resolve(List<String> words) {
    return words.stream().map(this::resolve).toList();
  }
}
