package s2c.write;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import s2c.spi.RenderedTree;

/**
 * Replaces a directory with a rendered tree atomically: the tree is written to a sibling temp
 * directory, then swapped in by rename. Files the render no longer produces disappear; a crash
 * leaves either the old tree or the new one, never a mix.
 */
public final class TreeWriter {
  private TreeWriter() {}

  public static void replace(Path target, RenderedTree tree) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
    try {
      for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
        Path file = staging.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
        if (e.getKey().endsWith(".sh")) {
          setExecutable(file);
        }
      }
      Path old = null;
      if (Files.exists(target)) {
        old =
            parent.resolve(
                "." + target.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
        move(target, old);
      }
      move(staging, target);
      staging = null;
      deleteRecursively(old);
    } finally {
      deleteRecursively(staging);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void setExecutable(Path file) throws IOException {
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      perms.add(PosixFilePermission.GROUP_EXECUTE);
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(file, perms);
    } catch (UnsupportedOperationException e) {
      file.toFile().setExecutable(true, false);
    }
  }

  public static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Reads a directory back into a tree (for {@code validate DIR}). */
  public static RenderedTree read(Path dir) throws IOException {
    RenderedTree.Builder b = RenderedTree.builder();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        b.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return b.build();
  }
}
