package s2c.model;

import java.util.Optional;

/** Build the service from source: repository-relative directory and optional build command. */
public record Build(String type, String sourceDir, Optional<String> command) {}
