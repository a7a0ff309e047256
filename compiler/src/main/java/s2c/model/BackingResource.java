package s2c.model;

import java.util.Optional;
import s2c.diag.SourceLocation;

/** A backing service (postgres, redis, qdrant, ...) the scenario needs. */
public record BackingResource(
    String name,
    String type,
    boolean required,
    Optional<String> version,
    ResourceMode mode,
    Optional<String> size,
    int nodeCount,
    Optional<String> image,
    Optional<String> endpointVariable,
    SourceLocation origin) {}
