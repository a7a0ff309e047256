package s2c.pipeline;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for every name that reaches a file path, a resource name or a script: letters,
 * digits, '-', '_' and '.', starting with a letter or digit, no "..". That rules out path
 * traversal, quotes, template openers ({@code ${}, {@code {{}) and newlines in one place.
 */
public final class Identifiers {
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$");
  private static final Pattern ENV = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  private Identifiers() {}

  public static boolean isValid(String id) {
    return ID.matcher(id).matches() && !id.contains("..");
  }

  public static boolean isEnvName(String name) {
    return ENV.matcher(name).matches();
  }

  /** "Hello Desktop" → "hello-desktop"; the result still has to pass {@link #isSlug}. */
  public static String slug(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }

  public static boolean isSlug(String slug) {
    return SLUG.matcher(slug).matches();
  }

  /** Shows a bad name safely in a message: control characters escaped, long names cut. */
  public static String quote(String raw) {
    String shown = escapeControls(raw);
    return "'" + (shown.length() > 80 ? shown.substring(0, 80) + "…" : shown) + "'";
  }

  /**
   * Control and direction characters as {@code \n} or {@code \\uXXXX}, so a message stays one
   * honest line.
   */
  public static String escapeControls(String raw) {
    StringBuilder out = new StringBuilder();
    for (char c : raw.toCharArray()) {
      if (c == '\n') {
        out.append("\\n");
      } else if (s2c.schema.Grammar.firstForbidden(String.valueOf(c), false) == 0) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
