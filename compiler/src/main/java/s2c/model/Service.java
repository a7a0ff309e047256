package s2c.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.diag.SourceLocation;

/**
 * One process of the scenario, after values are applied. {@code command} is what the bundle or the
 * values say starts it (it overrides an image's entrypoint); {@code developCommand} is how the
 * scenario's develop step starts it from its source tree, for targets that run the build output.
 */
public record Service(
    String id,
    ServiceType type,
    String description,
    Optional<String> image,
    Optional<Build> build,
    List<String> command,
    List<String> developCommand,
    SortedMap<String, String> env,
    List<String> secrets,
    List<String> dataDirs,
    List<Port> ports,
    HealthCheck health,
    List<String> dependencies,
    List<Migration> migrations,
    int replicas,
    Size size,
    Optional<Expose> expose,
    boolean critical,
    SortedMap<String, String> binaries,
    Optional<Volume> volume,
    SourceLocation origin) {

  public Service {
    command = List.copyOf(command);
    developCommand = List.copyOf(developCommand);
    env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
    secrets = List.copyOf(secrets);
    dataDirs = List.copyOf(dataDirs);
    ports = List.copyOf(ports);
    dependencies = List.copyOf(dependencies);
    migrations = List.copyOf(migrations);
    binaries = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(binaries));
  }

  public Optional<Port> port(String name) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The named port, or the first when the name is empty. */
  public Optional<Port> portName(String name) {
    return name == null || name.isEmpty() ? ports.stream().findFirst() : port(name);
  }

  /** The port HTTP traffic and health checks use: the health check's, else the first. */
  public Optional<Port> primaryPort() {
    if (health.portName() != null && !health.portName().isEmpty()) {
      Optional<Port> named = port(health.portName());
      if (named.isPresent()) {
        return named;
      }
    }
    return ports.stream().findFirst();
  }

  /** Whether it keeps files: data dirs declared, or an env value pointing into {@code ${data}}. */
  public boolean writesData() {
    return !dataDirs.isEmpty() || env.values().stream().anyMatch(v -> v.contains("${data}"));
  }
}
