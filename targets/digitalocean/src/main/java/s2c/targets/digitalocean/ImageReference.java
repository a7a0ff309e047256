package s2c.targets.digitalocean;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI image reference split the way App Platform's {@code image} block wants it. App Platform
 * pulls only from DigitalOcean Container Registry, Docker Hub and GHCR.
 */
record ImageReference(
    String registryType,
    Optional<String> registry,
    String repository,
    Optional<String> tag,
    Optional<String> digest) {
  private static final Pattern REF =
      Pattern.compile(
          "^(?:(?<host>[a-z0-9.-]+\\.[a-z]{2,}(?::[0-9]+)?|localhost(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$");

  /** Empty when the reference is malformed or its registry is one App Platform cannot pull from. */
  static Optional<ImageReference> parse(String ref) {
    Matcher m = REF.matcher(ref);
    if (!m.matches()) {
      return Optional.empty();
    }
    String host = m.group("host");
    String path = m.group("path");
    Optional<String> tag = Optional.ofNullable(m.group("tag"));
    Optional<String> digest = Optional.ofNullable(m.group("digest"));
    int slash = path.lastIndexOf('/');
    String namespace = slash < 0 ? "" : path.substring(0, slash);
    String repo = slash < 0 ? path : path.substring(slash + 1);
    if (host == null
        || host.equals("docker.io")
        || host.equals("index.docker.io")
        || host.equals("registry-1.docker.io")) {
      return Optional.of(
          new ImageReference(
              "DOCKER_HUB",
              Optional.of(namespace.isEmpty() ? "library" : namespace),
              repo,
              tag,
              digest));
    }
    if (host.equals("ghcr.io") && !namespace.isEmpty()) {
      return Optional.of(new ImageReference("GHCR", Optional.of(namespace), repo, tag, digest));
    }
    if (host.equals("registry.digitalocean.com") && !namespace.isEmpty()) {
      // the registry name is implied by the account; the repository is the rest of the path
      int first = path.indexOf('/');
      return Optional.of(
          new ImageReference("DOCR", Optional.empty(), path.substring(first + 1), tag, digest));
    }
    return Optional.empty();
  }

  boolean pinned() {
    return digest.isPresent() || tag.filter(t -> !t.equals("latest")).isPresent();
  }
}
