package s2c.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The immutable, validated model every target renders from: one scenario in one environment. Lists
 * are in a stable order (services and resources by id, secrets by id). {@code providerSettings}
 * holds each target's {@code providers.<id>} values as plain maps, lists and scalars, checked
 * against the target's schema; the target reads its own into a typed record. {@code guardrails} are
 * the limits values set on what the render may cost and run.
 */
public record Deployment(
    String scenario,
    String appVersion,
    String description,
    String environment,
    Optional<String> region,
    Optional<String> domain,
    Optional<String> projectName,
    List<Service> services,
    List<BackingResource> resources,
    List<SecretRef> secrets,
    Optional<StateBackend> stateBackend,
    Optional<SourceRepo> source,
    Optional<String> telemetryUploadUrl,
    SortedMap<String, Map<String, Object>> providerSettings,
    String inputDigest,
    String inputName,
    Guardrails guardrails,
    Optional<Tenant> tenant) {

  /** One customer's install of the scenario (SaaS fan-out). */
  public record Tenant(String id, String secretPrefix) {}

  /**
   * The name every resource of this deployment carries where names must be unique per account or
   * cluster: {@code <scenario>-<env>}, with a tenant {@code <scenario>-<tenant>-<env>}.
   */
  public String instance() {
    return scenario + tenant.map(t -> "-" + t.id()).orElse("") + "-" + environment;
  }

  /**
   * Where its secrets live in the secret store: {@code <scenario>/<env>}, with a tenant {@code
   * <scenario>/<secret_prefix>/<env>}.
   */
  public String secretPath() {
    return scenario + tenant.map(t -> "/" + t.secretPrefix()).orElse("") + "/" + environment;
  }

  /**
   * The prefix of this tenant's own CI secrets ({@code <SCOPE>__TF_VAR_x} stands in for {@code
   * TF_VAR_x} in its directory's jobs): the secret path as an environment variable name; empty
   * without a tenant.
   */
  public Optional<String> secretScope() {
    return tenant.map(
        t -> secretPath().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
  }

  /**
   * Its place in the infra repo and state keys: {@code <scenario>/<env>}, with a tenant {@code
   * <scenario>/<tenant>/<env>}.
   */
  public String repoPath() {
    return scenario + tenant.map(t -> "/" + t.id()).orElse("") + "/" + environment;
  }

  public Deployment {
    services = List.copyOf(services);
    resources = List.copyOf(resources);
    secrets = List.copyOf(secrets);
    providerSettings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(providerSettings));
  }

  public Optional<Service> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<SecretRef> secret(String id) {
    return secrets.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
