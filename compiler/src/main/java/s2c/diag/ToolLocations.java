package s2c.diag;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where an external checker's message points (its file, line and column) so a finding is
 * reported at that place of the render instead of at the directory. Reads the common shapes: {@code
 * file:line:col} (gcc style, Go templates), {@code 'file': line N, column M} (Python tools) and
 * {@code file:line}.
 */
public final class ToolLocations {
  private static final List<Pattern> SHAPES =
      List.of(
          Pattern.compile("'(?<file>[^'\\s]+)': line (?<line>\\d+), column (?<col>\\d+)"),
          Pattern.compile(
              "(?<file>[A-Za-z0-9_./-]+\\.(?:ya?ml|tpl|sh|j2|caddy|txt|json|cfg)):(?<line>\\d+):(?<col>\\d+)"),
          Pattern.compile("(?<file>[A-Za-z0-9_./-]+\\.(?:caddy|ya?ml|sh)):(?<line>\\d+)"),
          Pattern.compile("(?<file>Caddyfile):(?<line>\\d+)"));

  private ToolLocations() {}

  /**
   * The location {@code message} names, as a path under {@code root} (the display root of the
   * render) found by the longest suffix of the tool's path that is one of {@code files}; the
   * fallback when the message names none.
   */
  public static SourceLocation find(
      String message, String root, java.util.Collection<String> files, SourceLocation fallback) {
    for (Pattern shape : SHAPES) {
      Matcher m = shape.matcher(message);
      while (m.find()) {
        String named = m.group("file");
        String file =
            files.stream()
                .filter(f -> named.equals(f) || named.endsWith("/" + f) || f.endsWith("/" + named))
                .findFirst()
                .or(
                    () ->
                        files.stream()
                            .filter(f -> f.endsWith("/" + stripLeading(named)))
                            .findFirst())
                .orElse(null);
        if (file != null) {
          int line = Integer.parseInt(m.group("line"));
          int col = shape.pattern().contains("?<col>") ? Integer.parseInt(m.group("col")) : 1;
          return new SourceLocation(root + file, line, col, "");
        }
      }
    }
    return fallback;
  }

  private static String stripLeading(String path) {
    int slash = path.indexOf('/');
    // a tool may name a file from inside the render's top directory ("<name>/templates/x.yaml" for
    // "chart/<name>/templates/x.yaml")
    return slash > 0 ? path.substring(slash + 1) : path;
  }
}
