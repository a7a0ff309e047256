package s2c.targets.baremetal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playbook's variables ({@code group_vars/all.yml}) as records: what {@link HostPlan} decides.
 * Every name is written in Ansible's snake_case, the top-level ones with the {@code s2c_} prefix
 * that keeps them apart from Ansible's own. Jackson writes a record's fields in declaration order;
 * the small records (secrets, routes, resources) declare theirs alphabetically, the order their
 * entries have always had in all.yml.
 */
record HostVars(
    String scenario,
    String environment,
    String version,
    String digestCommand,
    String caddyImport,
    int lockWait,
    String lockAcquire,
    String lockRelease,
    String user,
    String root,
    String configDir,
    String dataDir,
    String logDir,
    AnsibleData.Jinja artifactsDir,
    int keepReleases,
    String processManager,
    String secretsSource,
    String vaultPath,
    String domain,
    String dnsPolicy,
    int minMemoryMb,
    int minDiskMb,
    List<String> packages,
    List<ServiceVars> services,
    List<ResourceVars> resources,
    List<GeneratedSecret> generatedSecrets,
    List<InputSecret> inputSecrets,
    List<Route> routes,
    List<Front> fronts,
    boolean edge,
    String cutover) {

  private static final JsonMapper SNAKE =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** The variables as Ansible reads them: snake_case, {@code s2c_}-prefixed, in this order. */
  Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    // AnsibleData keeps Jinja markers: Jackson hands them through as embedded objects
    SNAKE
        .convertValue(this, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {})
        .forEach((k, v) -> out.put("s2c_" + k, v));
    return out;
  }

  /** A service's health check; type "none" when it names no port the host can probe. */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Health(
      String type,
      String path,
      Optional<Integer> port,
      List<String> command,
      int retries,
      int delay,
      int timeout) {}

  /**
   * A secret a service reads: its env name and class; a generated one its length, and a URL built
   * around it (DATABASE_URL) the text before and after.
   */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record SecretUse(
      String id,
      String env,
      @JsonProperty("class") String secretClass,
      Optional<Integer> length,
      Optional<String> prefix,
      Optional<String> suffix) {
    SecretUse asUrl(String prefix, String suffix) {
      return new SecretUse(id, env, secretClass, length, Optional.of(prefix), Optional.of(suffix));
    }

    boolean generated() {
      return length.isPresent();
    }
  }

  record RouteTarget(String path, int port) {}

  record Expose(String path, List<RouteTarget> routes) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record ServiceVars(
      String name,
      int order,
      List<String> argv,
      boolean switchable,
      String runScript,
      String workdir,
      Optional<Integer> port,
      SortedMap<String, String> env,
      List<SecretUse> secrets,
      Health health,
      boolean critical,
      List<String> dependsOn,
      Optional<Expose> expose,
      String unit,
      String unitFile,
      String program) {}

  /** A resource installed from Debian: its packages and service; postgres also its database. */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record ResourceVars(
      Optional<String> dbName,
      Optional<String> dbUser,
      String name,
      List<String> packages,
      Optional<String> passwordSecret,
      String service,
      String type) {}

  record GeneratedSecret(String id, int length) {}

  record InputSecret(String env, String id) {}

  record Route(String path, String upstream) {}

  record Front(String name, int port) {}
}
