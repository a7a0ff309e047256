package s2c.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.model.Deployment;
import s2c.model.Port;
import s2c.model.Service;
import s2c.model.ServiceType;
import s2c.model.SourceRepo;

/**
 * What image each service of a scenario becomes: an API or worker its bundle binary for the
 * platform on the binary base (scratch unless given), a UI its built assets on a static file server
 * image. Reads the files it packs (their presence); pushes nothing.
 */
public final class ImagePlanner {
  /** The user every image runs as: distroless's nonroot, no name needed in /etc/passwd. */
  static final String USER = "65532:65532";

  private ImagePlanner() {}

  /**
   * Where a scenario's images come from and go.
   *
   * @param artifacts the directory binary paths are relative to (the bundle's, or the scenario's)
   * @param builtIn services whose output the setup steps built, and the clean copy they built in
   * @param registry where images go: {@code host[:port]/namespace}
   * @param platform {@code linux/amd64} or {@code linux/arm64}
   * @param baseImages {@code binary} (default {@code scratch}) and {@code static} (a file server
   *     image, needed for UI services)
   * @param revision the commit the sources are at, for the OCI source/revision labels
   */
  public record Inputs(
      Path artifacts,
      Map<String, Path> builtIn,
      String registry,
      String platform,
      Map<String, String> baseImages,
      String tag,
      ScenarioSource.Revision revision) {
    public Inputs {
      builtIn = Map.copyOf(builtIn);
      baseImages = Map.copyOf(baseImages);
    }
  }

  public static List<ImageSpec> plan(Deployment d, Inputs in, Diagnostics diagnostics) {
    String platform = in.platform();
    String registry = in.registry();
    String key = bundlePlatform(platform);
    List<ImageSpec> specs = new ArrayList<>();
    for (Service s : d.services()) {
      Path artifacts = in.builtIn().getOrDefault(s.id(), in.artifacts());
      Optional<String> binary =
          Optional.ofNullable(s.binaries().get(key)).or(() -> BuildOutputs.of(s, artifacts));
      if (binary.isEmpty()) {
        diagnostics.error(
            Codes.ARTIFACT_MISSING,
            s.origin(),
            "service '"
                + s.id()
                + "' has no binaries."
                + key
                + (s.build().flatMap(b -> b.command()).isPresent()
                    ? ", and its build command does not say where it writes its output"
                    : "")
                + " to build its image from",
            "list the output for "
                + platform
                + " in the bundle, or write it with -o <file> (a UI: its build script's --outDir)");
        continue;
      }
      Path file = artifacts.resolve(binary.get()).normalize();
      boolean ui = s.type() == ServiceType.UI_BUNDLE;
      // a UI's entry is its index.html: the image carries the whole directory of built assets
      Path source = ui ? file.getParent() : file;
      if (!file.startsWith(artifacts.normalize()) || !Files.exists(source)) {
        diagnostics.error(
            Codes.ARTIFACT_MISSING,
            s.origin(),
            "service '" + s.id() + "': " + binary.get() + " is not in " + artifacts,
            s.build().flatMap(b -> b.command()).isPresent()
                ? "let build run the scenario's setup steps (no --no-setup), or build it yourself"
                : "build the scenario first, then build the images");
        continue;
      }
      // what goes into an image is the scenario's own output: a link out of it (to a file of the
      // machine that builds) would be packed and pushed
      Optional<Path> outside =
          ui
              ? linkOutside(artifacts, source)
              : Optional.of(source).filter(p -> !inside(artifacts, p));
      if (outside.isPresent()) {
        diagnostics.error(
            Codes.ARTIFACT_MISSING,
            s.origin(),
            "service '"
                + s.id()
                + "': "
                + artifacts.relativize(outside.get())
                + " links out of the build output; an image packs only the scenario's own files",
            "copy the file into the build output instead of linking to it");
        continue;
      }
      String runtime = ui ? "static" : "binary";
      String base = in.baseImages().getOrDefault(runtime, ui ? "" : "scratch");
      if (base.isEmpty()) {
        diagnostics.error(
            Codes.ARTIFACT_MISSING,
            s.origin(),
            "UI service '" + s.id() + "' needs a static file server image to serve its assets",
            "give --base-image static=<registry/image@sha256:…> (a server that serves /srv/www)");
        continue;
      }
      String target = ui ? "/srv/www" : "/app/" + file.getFileName();
      List<ImageSpec.FileEntry> files =
          ui ? tree(source, target) : List.of(new ImageSpec.FileEntry(source, target, true));
      TreeMap<String, String> labels = new TreeMap<>();
      labels.put("org.opencontainers.image.title", d.scenario() + "-" + s.id());
      labels.put("org.opencontainers.image.version", d.appVersion());
      labels.put("dev.vrooli.scenario", d.scenario());
      labels.put("dev.vrooli.service", s.id());
      labels.putAll(sourceLabels(d, in.revision()));
      specs.add(
          new ImageSpec(
              s.id(),
              registry + "/" + d.scenario() + "-" + s.id() + ":" + in.tag(),
              base,
              platform,
              files,
              ui ? List.of() : List.of(target),
              ui ? "/srv/www" : "/app",
              s.ports().stream().map(Port::number).sorted().toList(),
              labels));
    }
    return specs;
  }

  /**
   * {@code org.opencontainers.image.source} (the scenario's repository, else the clone's origin)
   * and {@code revision} (HEAD), when they are true of the files packed: no revision for a tree
   * with uncommitted changes.
   */
  static Map<String, String> sourceLabels(Deployment d, ScenarioSource.Revision revision) {
    TreeMap<String, String> labels = new TreeMap<>();
    d.source()
        .map(SourceRepo::url)
        .or(revision::remote)
        .ifPresent(url -> labels.put("org.opencontainers.image.source", url));
    if (!revision.dirty()) {
      revision.commit().ifPresent(c -> labels.put("org.opencontainers.image.revision", c));
    }
    return labels;
  }

  /** The bundle's name of a platform: {@code linux/amd64} → {@code linux-x64}. */
  static String bundlePlatform(String platform) {
    return switch (platform) {
      case "linux/amd64" -> "linux-x64";
      case "linux/arm64" -> "linux-arm64";
      default -> throw new IllegalArgumentException("platform " + platform);
    };
  }

  /** Whether {@code path}, links resolved, is inside {@code root}. */
  private static boolean inside(Path root, Path path) {
    try {
      Path real = Files.exists(path) ? path.toRealPath() : path.normalize();
      return real.startsWith(root.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** The first symbolic link under {@code dir} that resolves outside {@code root}. */
  private static Optional<Path> linkOutside(Path root, Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isSymbolicLink).filter(p -> !inside(root, p)).sorted().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir}, sorted by path so the layer is the same on every machine. */
  private static List<ImageSpec.FileEntry> tree(Path dir, String target) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .sorted()
          .map(
              p ->
                  new ImageSpec.FileEntry(
                      p, target + "/" + dir.relativize(p).toString().replace('\\', '/'), false))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
