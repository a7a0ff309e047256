package s2c.model;

import java.util.Optional;
import s2c.diag.SourceLocation;

/**
 * A backing service (postgres, redis, qdrant, ...) the scenario needs. {@code ha}: whether it must
 * survive the loss of a node or zone (a standby), as values say; empty leaves it to the target.
 */
public record BackingResource(
    String name,
    String type,
    boolean required,
    Optional<String> version,
    ResourceMode mode,
    Optional<String> size,
    int nodeCount,
    Optional<Boolean> ha,
    Optional<String> image,
    Optional<String> endpointVariable,
    SourceLocation origin) {

  /**
   * The variable an app reads this resource's endpoint from when no catalogue names one: {@code
   * my-cache} → {@code MY_CACHE_URL}. Every target uses it, so a resource is found under the same
   * name on every platform.
   */
  public String defaultUrlVariable() {
    return name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_URL";
  }
}
