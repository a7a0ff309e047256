package s2c.images;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * One image to build: its reference, base, the files it packs and its configuration.
 *
 * @param reference {@code registry/repository:tag}; the build reports its digest
 * @param base {@code scratch} or an image reference
 * @param entrypoint empty: the base image's
 */
public record ImageSpec(
    String service,
    String reference,
    String base,
    String platform,
    List<FileEntry> files,
    List<String> entrypoint,
    String workingDirectory,
    List<Integer> ports,
    SortedMap<String, String> labels) {
  public ImageSpec {
    files = List.copyOf(files);
    entrypoint = List.copyOf(entrypoint);
    ports = List.copyOf(ports);
  }

  /** A file of the scenario's build output and where it lands in the image. */
  public record FileEntry(Path source, String target, boolean executable) {}
}
