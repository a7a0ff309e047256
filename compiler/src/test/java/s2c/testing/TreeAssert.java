package s2c.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import s2c.spi.RenderedTree;

/**
 * Byte-for-byte comparison of a rendered tree with an expected directory; missing and extra files
 * fail.
 */
public final class TreeAssert {
  private TreeAssert() {}

  public static List<String> differences(RenderedTree actual, Path expectedDir) throws IOException {
    List<String> problems = new ArrayList<>();
    TreeSet<String> expected = new TreeSet<>();
    if (Files.isDirectory(expectedDir)) {
      try (Stream<Path> walk = Files.walk(expectedDir)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> expected.add(expectedDir.relativize(p).toString().replace('\\', '/')));
      }
    }
    for (String path : expected) {
      byte[] got = actual.get(path);
      if (got == null) {
        problems.add("missing file: " + path);
      } else {
        byte[] want = Files.readAllBytes(expectedDir.resolve(path));
        if (!Arrays.equals(got, want)) {
          problems.add(
              "differs: "
                  + path
                  + "\n"
                  + firstDifference(
                      new String(want, StandardCharsets.UTF_8),
                      new String(got, StandardCharsets.UTF_8)));
        }
      }
    }
    for (String path : actual.files().keySet()) {
      if (!expected.contains(path)) {
        problems.add("extra file: " + path);
      }
    }
    return problems;
  }

  static String firstDifference(String want, String got) {
    String[] a = want.split("\n", -1);
    String[] b = got.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "  line " + (i + 1) + "\n  - expected: " + x + "\n  + actual:   " + y;
      }
    }
    return "  (line endings or trailing bytes differ)";
  }

  /** Replaces {@code dir} with exactly the files of {@code tree} (golden update mode). */
  public static void rewrite(RenderedTree tree, Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    for (var e : tree.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
  }
}
