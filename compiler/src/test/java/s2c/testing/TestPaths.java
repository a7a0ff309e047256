package s2c.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the project and the optional ../shared reference material are, as Maven tells the tests.
 */
public final class TestPaths {
  private TestPaths() {}

  public static Path projectRoot() {
    String configured = System.getProperty("s2c.project.dir");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("fixtures"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException(
          "cannot find the project root (a directory holding fixtures/)");
    }
    return root.toAbsolutePath().normalize();
  }

  public static Path fixture(String relative) {
    return projectRoot().resolve("fixtures").resolve(relative);
  }

  /** ../shared when present; tests that need it report themselves skipped otherwise. */
  public static Optional<Path> shared() {
    String configured = System.getProperty("s2c.shared.dir");
    Path shared = configured != null ? Path.of(configured) : projectRoot().resolveSibling("shared");
    return Files.isDirectory(shared.resolve("vrooli-reference"))
        ? Optional.of(shared.toAbsolutePath().normalize())
        : Optional.empty();
  }

  /** Makes diagnostics stable across machines: strips the absolute project root. */
  public static String relativize(String text) {
    return text.replace(projectRoot() + "/", "");
  }
}
