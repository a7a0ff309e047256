package s2c.model;

import java.util.Optional;

/** Public HTTP route to a service. */
public record Expose(String path, Optional<String> portName, boolean preservePathPrefix) {}
