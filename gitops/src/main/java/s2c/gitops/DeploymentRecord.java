package s2c.gitops;

import java.util.Optional;

/** One deployment, read back from a commit's trailers. */
public record DeploymentRecord(
    String commit,
    long epochSeconds,
    String author,
    String subject,
    String scenario,
    String environment,
    String provider,
    String bundleDigest,
    String compiler,
    Optional<String> rollbackTo) {}
