package s2c.targets.digitalocean;

import java.util.List;
import java.util.Optional;
import s2c.hcl.HclExpr;
import s2c.model.HealthCheck;
import s2c.model.SecretRef;

/**
 * The DigitalOcean plan: every decision about the model made once, as data, before any HCL is
 * printed (what runs as a service, worker or job, from which source, with which env; which
 * resources are managed, containers, external or left out).
 */
record DoPlan(
    String appName,
    String projectName,
    String projectEnvironment,
    List<Component> components,
    List<ManagedDb> databases,
    List<ExternalEndpoint> externals,
    List<SecretRef> secrets,
    List<IngressRule> ingress,
    Optional<String> domain,
    String defaultRegion,
    List<String> tags) {

  enum Kind { SERVICE, WORKER, JOB }

  /** Where a component's code comes from: an image or the scenario's git repository. */
  sealed interface Source permits ImageSource, GitSource {}

  record ImageSource(ImageReference image) implements Source {}

  record GitSource(String cloneUrl, String branch, String sourceDir, Optional<String> buildCommand) implements Source {}

  record EnvVar(String key, HclExpr value, boolean secret) {}

  record Health(Optional<String> httpPath, int port, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) {}

  record Component(
      Kind kind,
      String name,
      String origin,
      Source source,
      Optional<String> runCommand,
      String sizeSlug,
      int instanceCount,
      Optional<Integer> httpPort,
      List<Integer> internalPorts,
      Optional<Health> health,
      List<EnvVar> env) {}

  record ManagedDb(String resourceName, String tfName, String clusterEngine, String appEngine, String version, String size,
      int nodeCount, Optional<String> dbName, Optional<String> userName) {}

  record ExternalEndpoint(String resourceName, String variable, List<String> envKeys) {}

  record IngressRule(String component, String prefix, boolean preservePathPrefix) {}

  static Health health(HealthCheck check, int port) {
    return new Health(
        check.kind() == HealthCheck.Kind.HTTP ? Optional.of(check.path()) : Optional.empty(),
        port,
        check.initialDelayMs() / 1000,
        Math.max(1, check.intervalMs() / 1000),
        Math.max(1, check.timeoutMs() / 1000),
        Math.max(1, check.retries()));
  }
}
