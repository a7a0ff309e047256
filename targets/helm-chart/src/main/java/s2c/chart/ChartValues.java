package s2c.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The chart's values.yaml as records: what {@link ChartModel} decides, serialised by Jackson in
 * declaration order (the order an operator reads and tunes it). {@code ValuesSchemaTest} holds the
 * records and values.schema.json to the same property names.
 */
record ChartValues(
    String nameOverride,
    String fullnameOverride,
    String environment,
    SortedMap<String, String> commonLabels,
    ImagePolicy image,
    @JsonUnwrapped Scheduling scheduling,
    List<Map<String, Object>> extraEnv,
    String existingSecret,
    ServiceAccount serviceAccount,
    PodSecurityContext podSecurityContext,
    ContainerSecurityContext containerSecurityContext,
    Ingress ingress,
    NetworkPolicy networkPolicy,
    SecretStore secretStore,
    WaitFor waitFor,
    MigrationHooks migrations,
    SortedMap<String, ServiceValues> services,
    SortedMap<String, ResourceValues> backingResources,
    SortedMap<String, ExternalSecret> externalSecrets,
    SortedMap<String, GeneratedSecret> generatedSecrets) {

  record ImagePolicy(String pullPolicy, List<String> pullSecrets) {}

  /**
   * The knobs platform teams expect of a chart, empty by default; per service they add to (labels,
   * annotations) or replace (scheduling) the chart-wide ones.
   */
  record Scheduling(
      Map<String, String> podAnnotations,
      Map<String, String> podLabels,
      Map<String, String> nodeSelector,
      List<Map<String, Object>> tolerations,
      Map<String, Object> affinity,
      List<Map<String, Object>> topologySpreadConstraints) {
    static final Scheduling NONE =
        new Scheduling(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), List.of());
  }

  record ServiceAccount(boolean create, String name, Map<String, String> annotations) {}

  record SeccompProfile(String type) {}

  record PodSecurityContext(
      boolean runAsNonRoot,
      int runAsUser,
      int runAsGroup,
      int fsGroup,
      SeccompProfile seccompProfile) {}

  record Capabilities(List<String> drop) {}

  record ContainerSecurityContext(
      boolean allowPrivilegeEscalation,
      boolean readOnlyRootFilesystem,
      Capabilities capabilities) {}

  record Tls(boolean enabled, String secretName) {}

  record CertManager(boolean enabled, String clusterIssuer) {}

  /**
   * @param healthCheckPathAnnotation the Service annotation a load balancer outside the cluster
   *     reads its health-check path from (empty: none), set to the service's HTTP probe path
   */
  record Ingress(
      boolean enabled,
      String className,
      String host,
      Map<String, String> annotations,
      String healthCheckPathAnnotation,
      Tls tls,
      CertManager certManager) {}

  record NetworkPolicy(
      boolean enabled, String ingressControllerNamespace, List<String> loadBalancerCidrs) {}

  record SecretStore(
      String kind, String name, String refreshInterval, String keyPrefix, String property) {}

  record WaitFor(String image, Resources resources) {}

  record MigrationHooks(boolean helmHook, String hook) {}

  /** A Kubernetes resource list: cpu, memory and, for a GPU workload, nvidia.com/gpu. */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record ResourceList(
      String cpu, String memory, @JsonProperty("nvidia.com/gpu") Optional<Integer> gpu) {
    ResourceList(String cpu, String memory) {
      this(cpu, memory, Optional.empty());
    }
  }

  record Resources(ResourceList requests, ResourceList limits) {
    /** Requests equal to limits: what the pod is scheduled with is what it gets. */
    static Resources guaranteed(String cpu, int memoryMi) {
      ResourceList list = new ResourceList(cpu, memoryMi + "Mi");
      return new Resources(list, list);
    }
  }

  record ImageRef(String repository, String tag, String digest) {
    /** Splits {@code registry/repo[:tag][@digest]}; no tag and no digest means {@code latest}. */
    static ImageRef parse(String ref) {
      int at = ref.indexOf('@');
      String digest = at >= 0 ? ref.substring(at + 1) : "";
      String rest = at >= 0 ? ref.substring(0, at) : ref;
      int colon = rest.lastIndexOf(':');
      int slash = rest.lastIndexOf('/');
      String tag = colon > slash ? rest.substring(colon + 1) : (digest.isEmpty() ? "latest" : "");
      String repository = colon > slash ? rest.substring(0, colon) : rest;
      return new ImageRef(repository, tag, digest);
    }
  }

  record NamedPort(String name, int port) {}

  record SecretEnv(String name, String secret, String key) {}

  /** One probe; the fields of another type than its own are left out. */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Probe(
      String type,
      Optional<String> path,
      Optional<String> port,
      Optional<List<String>> command,
      int periodSeconds,
      int timeoutSeconds,
      int failureThreshold) {
    Probe withFailureThreshold(int threshold) {
      return new Probe(type, path, port, command, periodSeconds, timeoutSeconds, threshold);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Dependency(String name, int port, Optional<String> resource) {}

  record Route(String path, String port) {}

  record Expose(boolean enabled, String path, List<Route> routes) {
    static final Expose NONE = new Expose(false, "/", List.of());
  }

  /** A PersistentVolumeClaim for the service's /data instead of an emptyDir. */
  record Persistence(boolean enabled, String size, String accessMode, String storageClassName) {}

  record Autoscaling(
      boolean enabled, int minReplicas, int maxReplicas, int targetCPUUtilizationPercentage) {}

  record MigrationValues(String name, List<String> command, SortedMap<String, String> env) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record ServiceValues(
      boolean enabled,
      String kind,
      String source,
      ImageRef image,
      int replicas,
      List<String> command,
      List<NamedPort> ports,
      SortedMap<String, String> env,
      List<SecretEnv> secretEnv,
      List<String> uses,
      Resources resources,
      @JsonUnwrapped Scheduling scheduling,
      List<Map<String, Object>> extraEnv,
      String existingSecret,
      Optional<Probe> readinessProbe,
      Optional<Probe> livenessProbe,
      Optional<Probe> startupProbe,
      List<Dependency> dependsOn,
      List<String> writableDirs,
      Persistence persistence,
      Expose expose,
      Autoscaling autoscaling,
      List<MigrationValues> migrations,
      Optional<List<String>> allowFrom) {}

  record Password(String secret, String env, String serverEnv) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record ResourceValues(
      boolean enabled,
      String name,
      String type,
      String mode,
      String image,
      int port,
      String dataPath,
      String storage,
      String storageClassName,
      int runAsUser,
      List<String> args,
      List<String> writableDirs,
      Resources resources,
      SortedMap<String, String> env,
      Optional<Password> password,
      List<String> urlEnv,
      String inClusterUrl,
      @JsonUnwrapped Scheduling scheduling,
      String externalRemoteKey,
      List<String> allowFrom) {}

  record ExternalSecret(String key, String remoteKey, @JsonProperty("class") String secretClass) {}

  record GeneratedSecret(int length) {}
}
