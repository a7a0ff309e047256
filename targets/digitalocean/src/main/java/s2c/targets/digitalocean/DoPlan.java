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
    List<String> tags,
    Optional<String> alertsEmail) {

  enum Kind {
    SERVICE,
    WORKER,
    JOB
  }

  /**
   * A value Terraform cannot start without (a required sensitive variable): declared in
   * variables.tf, checked by deploy.sh, listed in the README, all from this one list.
   */
  record RequiredInput(
      String variable,
      String storeKey,
      String secretClass,
      String injectedAs,
      String description) {}

  /** Every required variable, in the order variables.tf declares them. */
  List<RequiredInput> requiredInputs() {
    List<RequiredInput> out = new java.util.ArrayList<>();
    for (SecretRef s : secrets) {
      if (s.secretClass() == s2c.model.SecretClass.PER_INSTALL_GENERATED) {
        continue;
      }
      String variable = ComponentNames.tfName(s.id());
      String origin =
          s.secretClass() == s2c.model.SecretClass.USER_PROMPT
              ? "supplied by the infra repo's CI as TF_VAR_" + variable
              : "fetched from the secret store at deploy time (deploy.sh reads Vault when TF_VAR_"
                  + variable
                  + " is unset)";
      out.add(
          new RequiredInput(
              variable,
              s.id(),
              s.secretClass().wire(),
              s.targetName(),
              s.descriptionText().map(t -> t + ". ").orElse("")
                  + "Secret ("
                  + s.secretClass().wire()
                  + "), "
                  + origin
                  + "; injected as "
                  + s.targetName()
                  + "."));
    }
    for (ExternalEndpoint e : externals) {
      out.add(
          new RequiredInput(
              e.variable(),
              e.resourceName() + "_url",
              s2c.model.SecretClass.REMOTE_FETCH.wire(),
              String.join(", ", e.envKeys()),
              "Endpoint of the external "
                  + e.resourceName()
                  + " (may embed credentials), fetched from the secret store at deploy time "
                  + "(deploy.sh reads Vault when TF_VAR_"
                  + e.variable()
                  + " is unset); injected as "
                  + String.join(", ", e.envKeys())
                  + "."));
    }
    return out;
  }

  /** Where a component's code comes from: an image or the scenario's git repository. */
  sealed interface Source permits ImageSource, GitSource {}

  record ImageSource(ImageReference image) implements Source {}

  record GitSource(String cloneUrl, String branch, String sourceDir, Optional<String> buildCommand)
      implements Source {}

  record EnvVar(String key, HclExpr value, boolean secret) {}

  record Health(
      Optional<String> httpPath,
      int port,
      int initialDelaySeconds,
      int periodSeconds,
      int timeoutSeconds,
      int failureThreshold) {}

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

  record ManagedDb(
      String resourceName,
      String tfName,
      String clusterEngine,
      String appEngine,
      String version,
      String size,
      int nodeCount,
      Optional<String> dbName,
      Optional<String> userName) {}

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
