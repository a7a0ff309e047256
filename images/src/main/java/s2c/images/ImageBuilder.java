package s2c.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and pushes one image with jib-core: no daemon, reproducible (every timestamp the epoch,
 * files in sorted order, so the same inputs give the same digest), OCI format, non-root.
 */
public final class ImageBuilder {
  /** Registry credentials, from the environment only; never printed. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", ***]";
    }

    public static Optional<Credentials> fromEnvironment(java.util.Map<String, String> env) {
      String user = env.get("S2C_REGISTRY_USERNAME");
      String password = env.get("S2C_REGISTRY_PASSWORD");
      return user == null || password == null
          ? Optional.empty()
          : Optional.of(new Credentials(user, password));
    }
  }

  private final Optional<Credentials> credentials;
  private final boolean insecure;
  private final Path cache;

  /**
   * @param insecure allow plain HTTP and unverified TLS (a registry on 127.0.0.1)
   * @param cache jib's layer caches
   */
  public ImageBuilder(Optional<Credentials> credentials, boolean insecure, Path cache) {
    this.credentials = credentials;
    this.insecure = insecure;
    this.cache = cache;
  }

  /** Pushes the image; returns its manifest digest ({@code sha256:…}). */
  public String build(ImageSpec spec) throws BuildFailure {
    try {
      JibContainerBuilder builder =
          spec.base().equals("scratch") ? Jib.fromScratch() : Jib.from(registryImage(spec.base()));
      FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("app");
      for (ImageSpec.FileEntry f : spec.files()) {
        layer.addEntry(
            f.source(),
            AbsoluteUnixPath.get(f.target()),
            FilePermissions.fromOctalString(f.executable() ? "755" : "644"),
            FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
      }
      Set<Port> ports = new LinkedHashSet<>();
      spec.ports().forEach(p -> ports.add(Port.tcp(p)));
      String[] platform = spec.platform().split("/");
      builder
          .setFileEntriesLayers(layer.build())
          .setUser(ImagePlanner.USER)
          .setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory()))
          .setExposedPorts(ports)
          .setLabels(spec.labels())
          .setCreationTime(Instant.EPOCH)
          .setFormat(ImageFormat.OCI)
          .setPlatforms(Set.of(new Platform(platform[1], platform[0])));
      if (!spec.entrypoint().isEmpty()) {
        builder.setEntrypoint(spec.entrypoint());
      }
      Containerizer to =
          Containerizer.to(registryImage(spec.reference()))
              .setAllowInsecureRegistries(insecure)
              .setToolName("scenario-to-cloud")
              .setToolVersion(s2c.pipeline.CompilerVersion.VERSION)
              .setBaseImageLayersCache(cache.resolve("base"))
              .setApplicationLayersCache(cache.resolve("application"));
      JibContainer container = builder.containerize(to);
      return container.getDigest().toString();
    } catch (InvalidImageReferenceException e) {
      throw new BuildFailure(spec.service(), "not an image reference: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailure(spec.service(), "interrupted", e);
    } catch (Exception e) {
      throw new BuildFailure(spec.service(), rootMessage(e), e);
    }
  }

  private RegistryImage registryImage(String reference) throws InvalidImageReferenceException {
    RegistryImage image = RegistryImage.named(reference);
    credentials.ifPresent(c -> image.addCredential(c.username(), c.password()));
    return image;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** A registry, network or base-image failure: the command exits 3 naming the service. */
  public static final class BuildFailure extends Exception {
    private final String service;

    BuildFailure(String service, String message, Throwable cause) {
      super(message, cause);
      this.service = service;
    }

    public String service() {
      return service;
    }
  }
}
