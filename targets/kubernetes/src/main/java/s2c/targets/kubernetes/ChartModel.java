package s2c.targets.kubernetes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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
import s2c.model.ServiceType;
import s2c.spi.EnvTemplates;
import s2c.spi.ImageEntrypoint;
import s2c.spi.ResourcePlacement;
import s2c.write.Ordered;

/**
 * Every Kubernetes decision about a {@link Deployment}, as the chart's values: the templates are
 * generic and read only these. Ordered maps throughout, so values.yaml reads top to bottom the way
 * an operator tunes it, and renders byte-identically.
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
  private final Map<String, Object> services = new TreeMap<>();
  private final Map<String, Object> resources = new TreeMap<>();
  private final Map<String, Object> externalSecrets = new TreeMap<>();
  private final Map<String, Object> generatedSecrets = new TreeMap<>();
  private final Map<String, List<String>> allowFrom = new TreeMap<>();

  private final KubernetesSettings settings;

  ChartModel(Deployment d, List<Diagnostic> diagnostics) {
    this.d = d;
    this.diagnostics = diagnostics;
    this.settings = KubernetesSettings.of(d);
  }

  KubernetesSettings settings() {
    return settings;
  }

  Map<String, Object> values() {
    for (BackingResource r : d.resources()) {
      resource(r);
    }
    List<String> consumers =
        d.services().stream()
            .filter(s -> s.type() == ServiceType.API_BINARY || s.type() == ServiceType.WORKER)
            .map(s -> K8sNames.of(s.id()))
            .toList();
    for (String r : resources.keySet()) {
      allowFrom.put(r, new ArrayList<>(consumers));
    }
    for (Service s : d.services()) {
      service(s);
    }
    for (Service s : d.services()) {
      for (String dep : s.dependencies()) {
        if (d.service(dep).isPresent()) {
          allowFrom
              .computeIfAbsent(K8sNames.of(dep), k -> new ArrayList<>())
              .add(K8sNames.of(s.id()));
        }
      }
    }
    // a service's migration Job (component "<service>-migration") reaches what the service reaches
    for (Service s : d.services()) {
      if (!s.migrations().isEmpty()) {
        String name = K8sNames.of(s.id());
        allowFrom
            .values()
            .forEach(
                from -> {
                  if (from.contains(name)) {
                    from.add(name + "-migration");
                  }
                });
      }
    }
    allowFrom.forEach(
        (name, from) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> target =
              (Map<String, Object>)
                  (services.containsKey(name) ? services.get(name) : resources.get(name));
          if (target != null) {
            target.put("allowFrom", new ArrayList<>(new TreeSet<>(from)));
          }
        });
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("nameOverride", "");
    v.put("fullnameOverride", "");
    v.put("environment", d.environment());
    v.put("commonLabels", map("scenario-to-cloud.vrooli.dev/scenario", d.scenario()));
    v.put("image", map("pullPolicy", "IfNotPresent", "pullSecrets", List.of()));
    scheduling(v);
    v.put("serviceAccount", map("create", true, "name", "", "annotations", Map.of()));
    v.put(
        "podSecurityContext",
        map(
            "runAsNonRoot",
            true,
            "runAsUser",
            10001,
            "runAsGroup",
            10001,
            "fsGroup",
            10001,
            "seccompProfile",
            map("type", "RuntimeDefault")));
    v.put(
        "containerSecurityContext",
        map(
            "allowPrivilegeEscalation",
            false,
            "readOnlyRootFilesystem",
            true,
            "capabilities",
            map("drop", List.of("ALL"))));
    String host = settings.ingressHost().orElse(d.domain().orElse(""));
    v.put(
        "ingress",
        map(
            "enabled",
            true,
            "className",
            settings.ingressClass(),
            "host",
            host,
            "annotations",
            Map.of(),
            "tls",
            map("enabled", !host.isEmpty(), "secretName", ""),
            "certManager",
            map("enabled", !host.isEmpty(), "clusterIssuer", settings.clusterIssuer())));
    v.put(
        "networkPolicy",
        map("enabled", true, "ingressControllerNamespace", settings.ingressNamespace()));
    v.put(
        "secretStore",
        map(
            "kind",
            settings.secretStoreKind(),
            "name",
            settings.secretStoreName(),
            "refreshInterval",
            "1h",
            "keyPrefix",
            d.scenario() + "/" + d.environment(),
            "property",
            settings.secretStoreProperty()));
    v.put("waitFor", map("image", "busybox:1.36.1", "resources", resources("50m", 32)));
    // post-install: on a first install the Job's Secrets (ExternalSecrets) and database do not
    // exist
    // before the release's objects; pre-upgrade: later, they do, and the schema moves before the
    // code
    v.put("migrations", map("helmHook", true, "hook", "post-install,pre-upgrade"));
    v.put("services", services);
    v.put("backingResources", resources);
    v.put("externalSecrets", externalSecrets);
    v.put("generatedSecrets", generatedSecrets);
    return v;
  }

  private void service(Service s) {
    String name = K8sNames.of(s.id());
    if (s.image().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              Codes.NO_IMAGE,
              s.origin(),
              "service '" + s.id() + "' has no container image; a Kubernetes deployment needs one",
              "set services."
                  + s.id()
                  + ".image in values (from your artifact build), or add 'image' to the bundle service"));
      return;
    }
    Map<String, Object> svc = new LinkedHashMap<>();
    svc.put("enabled", true);
    svc.put("kind", s.type().wire());
    svc.put("source", d.inputName() + "#" + s.origin().pointer());
    svc.put("image", image(s.image().get()));
    svc.put("replicas", s.replicas());
    svc.put("command", resolve(s.command()));
    ImageEntrypoint.developCommandUnused(s).ifPresent(diagnostics::add);
    List<Map<String, Object>> ports = new ArrayList<>();
    for (Port p : s.ports()) {
      ports.add(map("name", K8sNames.of(p.name()), "port", p.number()));
    }
    svc.put("ports", ports);
    TreeMap<String, String> env = new TreeMap<>();
    for (Port p : s.ports()) {
      p.envVar().ifPresent(e -> env.put(e, String.valueOf(p.number())));
    }
    s.env().forEach((k, val) -> env.put(k, resolve(val)));
    svc.put("env", env);
    List<Map<String, Object>> secretEnv = new ArrayList<>();
    for (SecretRef secret : d.secrets()) {
      if (secret.usedBy().contains(s.id())) {
        secretEnv.add(
            map(
                "name",
                secret.targetName(),
                "secret",
                secretName(secret),
                "key",
                secret.secretClass() == SecretClass.PER_INSTALL_GENERATED ? "password" : "value"));
      }
    }
    svc.put("secretEnv", secretEnv);
    boolean consumer = s.type() == ServiceType.API_BINARY || s.type() == ServiceType.WORKER;
    svc.put("uses", consumer ? new ArrayList<>(resources.keySet()) : List.of());
    svc.put("resources", sized(s));
    scheduling(svc);
    probes(s, svc);
    List<Map<String, Object>> dependsOn = new ArrayList<>();
    for (String dep : s.dependencies()) {
      d.service(dep)
          .flatMap(Service::primaryPort)
          .ifPresent(p -> dependsOn.add(map("name", K8sNames.of(dep), "port", p.number())));
      if (resources.get(K8sNames.of(dep)) instanceof Map<?, ?> r) {
        dependsOn.add(
            map("name", K8sNames.of(dep), "port", r.get("port"), "resource", K8sNames.of(dep)));
      }
    }
    svc.put("dependsOn", dependsOn);
    List<String> writable = new ArrayList<>(List.of("/tmp"));
    if (s.writesData()) {
      writable.add("/data");
      diagnostics.add(
          Diagnostic.warning(
              Codes.EPHEMERAL_STORAGE,
              s.origin(),
              "service '"
                  + s.id()
                  + "' writes data; the chart gives it an emptyDir at /data, which is lost when the pod is replaced",
              "keep state in a backing resource (postgres, minio) for production"));
    }
    svc.put("writableDirs", writable);
    svc.put(
        "expose",
        s.expose()
            .filter(e -> !s.ports().isEmpty())
            .<Map<String, Object>>map(
                e ->
                    map(
                        "enabled",
                        true,
                        "path",
                        e.path(),
                        "routes",
                        e.routes().stream()
                            .filter(r -> s.port(r.portName()).isPresent())
                            .map(r -> map("path", r.path(), "port", K8sNames.of(r.portName())))
                            .toList()))
            .orElse(map("enabled", false, "path", "/", "routes", List.of())));
    svc.put(
        "autoscaling",
        map(
            "enabled",
            false,
            "minReplicas",
            Math.max(1, s.replicas()),
            "maxReplicas",
            Math.max(3, s.replicas() * 2),
            "targetCPUUtilizationPercentage",
            80));
    List<Map<String, Object>> migrations = new ArrayList<>();
    for (Migration m : s.migrations()) {
      String version = m.version().replaceAll("[^A-Za-z0-9]+", "").toLowerCase(Locale.ROOT);
      migrations.add(
          map(
              "name",
              version.substring(0, Math.min(12, version.length())),
              "command",
              resolve(m.command()),
              "env",
              new TreeMap<>(m.env())));
    }
    svc.put("migrations", migrations);
    services.put(name, svc);
  }

  /**
   * The knobs platform teams expect of a chart, empty by default; per service they add to (labels,
   * annotations, env) or replace (scheduling, existingSecret) the chart-wide ones.
   */
  private static void scheduling(Map<String, Object> target) {
    target.put("podAnnotations", Map.of());
    target.put("podLabels", Map.of());
    target.put("nodeSelector", Map.of());
    target.put("tolerations", List.of());
    target.put("affinity", Map.of());
    target.put("topologySpreadConstraints", List.of());
    target.put("extraEnv", List.of());
    target.put("existingSecret", "");
  }

  private void probes(Service s, Map<String, Object> svc) {
    HealthCheck h = s.health();
    Optional<Port> port = s.portName(h.portName());
    int period = Math.max(1, h.intervalMs() / 1000);
    Map<String, Object> probe = new LinkedHashMap<>();
    switch (h.kind()) {
      case HTTP -> {
        if (port.isEmpty()) {
          return;
        }
        probe.put("type", "http");
        probe.put("path", h.path());
        probe.put("port", K8sNames.of(port.get().name()));
      }
      case TCP, LOG_MATCH -> {
        if (port.isEmpty()) {
          return;
        }
        if (h.kind() == HealthCheck.Kind.LOG_MATCH) {
          diagnostics.add(
              Diagnostic.warning(
                  Codes.HEALTH_APPROXIMATED,
                  s.origin(),
                  "Kubernetes cannot probe a log match; service '"
                      + s.id()
                      + "' is probed by a TCP connect",
                  null));
        }
        probe.put("type", "tcp");
        probe.put("port", K8sNames.of(port.get().name()));
      }
      case COMMAND -> {
        probe.put("type", "exec");
        probe.put("command", resolve(h.command()));
      }
      default -> {
        return;
      }
    }
    probe.put("periodSeconds", period);
    probe.put("timeoutSeconds", Math.max(1, h.timeoutMs() / 1000));
    probe.put("failureThreshold", Math.max(1, h.retries()));
    // three knobs, one check: readiness takes the pod out of the Service at the bundle's retries;
    // liveness restarts it only after twice as many failures, so a slow dependency is not a restart
    // loop
    svc.put("readinessProbe", probe);
    Map<String, Object> liveness = new LinkedHashMap<>(probe);
    liveness.put("failureThreshold", Math.max(3, 2 * Math.max(1, h.retries())));
    svc.put("livenessProbe", liveness);
    Map<String, Object> startup = new LinkedHashMap<>(probe);
    // the startup probe gives the service its grace period before liveness counts
    startup.put(
        "failureThreshold",
        Math.max(3, h.initialDelayMs() / 1000 / period + Math.max(1, h.retries())));
    svc.put("startupProbe", startup);
  }

  private void resource(BackingResource r) {
    String name = K8sNames.of(r.name());
    Optional<ResourcePlacement> placement =
        ResourcePlacement.of(
            r,
            "the chart",
            ResourceImages.asData(),
            "the secret store key " + d.scenario() + "/" + d.environment() + "/" + name + "_url",
            diagnostics);
    if (placement.isEmpty()) {
      return;
    }
    boolean external = placement.get() == ResourcePlacement.EXTERNAL;
    Optional<ResourceImages.Spec> spec = ResourceImages.of(r.type());
    ResourceImages.Spec s =
        spec.orElse(
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
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("enabled", enabled);
    res.put("name", name);
    res.put("type", r.type().toLowerCase(Locale.ROOT));
    res.put("mode", external ? "external" : "inCluster");
    res.put(
        "image",
        r.image()
            .orElse(
                r.version()
                    .filter(v -> v.contains("."))
                    .map(v -> s.image().replaceAll(":.*$", ":" + v))
                    .orElse(s.image())));
    res.put("port", s.port());
    res.put("dataPath", s.dataPath());
    res.put("storage", r.size().filter(x -> x.matches("[0-9]+(Mi|Gi|Ti)")).orElse("8Gi"));
    res.put("storageClassName", settings.storageClass());
    res.put("runAsUser", s.runAsUser());
    res.put("args", s.args());
    res.put("writableDirs", s.writableDirs());
    Map<String, Object> limits = map("cpu", "1", "memory", "1Gi");
    if (s.needsGpu()) {
      limits.put("nvidia.com/gpu", 1);
    }
    res.put("resources", map("requests", map("cpu", "250m", "memory", "512Mi"), "limits", limits));
    TreeMap<String, String> env = new TreeMap<>();
    String db = d.scenario().replace('-', '_');
    String url;
    switch (res.get("type").toString()) {
      case "postgres", "postgresql" -> {
        env.put("POSTGRES_USER", "app");
        env.put("POSTGRES_DB", db);
        env.put("PGDATA", s.dataPath() + "/pgdata");
        url =
            "postgres://app:$(S2C_"
                + K8sNames.envSuffix(name)
                + "_PASSWORD)@"
                + FULLNAME
                + "-"
                + name
                + ":"
                + s.port()
                + "/"
                + db
                + "?sslmode=disable";
      }
      case "minio" -> {
        env.put("MINIO_ROOT_USER", "admin");
        url = s.urlScheme() + "://" + FULLNAME + "-" + name + ":" + s.port();
      }
      case "ollama" -> {
        env.put("HOME", "/data");
        env.put("OLLAMA_MODELS", "/data/models");
        url = s.urlScheme() + "://" + FULLNAME + "-" + name + ":" + s.port();
      }
      default -> url = s.urlScheme() + "://" + FULLNAME + "-" + name + ":" + s.port();
    }
    res.put("env", env);
    if (s.password()) {
      String secret = name + "-password";
      generatedSecrets.put(secret, map("length", 24));
      res.put(
          "password",
          map(
              "secret",
              secret,
              "env",
              "S2C_" + K8sNames.envSuffix(name) + "_PASSWORD",
              "serverEnv",
              s.passwordServerEnv()));
    }
    res.put("urlEnv", s.urlEnv());
    res.put("inClusterUrl", url);
    scheduling(res); // a GPU resource (ollama) needs its taint tolerated and its node selected
    res.remove("extraEnv"); // a backing resource's env is its image's configuration, set above
    res.remove("existingSecret");
    res.put("externalRemoteKey", name + "_url");
    resources.put(name, res);
  }

  private String secretName(SecretRef secret) {
    String name = K8sNames.of(secret.id());
    if (secret.secretClass() == SecretClass.PER_INSTALL_GENERATED) {
      generatedSecrets.put(name, map("length", Math.max(16, secret.generatedLength())));
    } else {
      externalSecrets.put(
          name,
          map("key", "value", "remoteKey", secret.id(), "class", secret.secretClass().wire()));
    }
    return name;
  }

  private static Map<String, Object> image(String ref) {
    int at = ref.indexOf('@');
    String digest = at >= 0 ? ref.substring(at + 1) : "";
    String rest = at >= 0 ? ref.substring(0, at) : ref;
    int colon = rest.lastIndexOf(':');
    int slash = rest.lastIndexOf('/');
    String tag = colon > slash ? rest.substring(colon + 1) : (digest.isEmpty() ? "latest" : "");
    String repository = colon > slash ? rest.substring(0, colon) : rest;
    return map("repository", repository, "tag", tag, "digest", digest);
  }

  private Map<String, Object> sized(Service s) {
    BigDecimal cpu = s.size().cpu().orElse(new BigDecimal("0.25"));
    int memory = s.size().memoryMi().orElse(256);
    String cpuRequest =
        cpu.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).toPlainString()
            + "m";
    String cpuLimit =
        cpu.multiply(BigDecimal.valueOf(2000)).setScale(0, RoundingMode.CEILING).toPlainString()
            + "m";
    return map(
        "requests",
        map("cpu", cpuRequest, "memory", memory + "Mi"),
        "limits",
        map("cpu", cpuLimit, "memory", memory + "Mi"));
  }

  private static Map<String, Object> resources(String cpu, int memoryMi) {
    return map(
        "requests",
        map("cpu", cpu, "memory", memoryMi + "Mi"),
        "limits",
        map("cpu", cpu, "memory", memoryMi + "Mi"));
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

  static Map<String, Object> map(Object... kv) {
    return Ordered.map(kv);
  }
}
