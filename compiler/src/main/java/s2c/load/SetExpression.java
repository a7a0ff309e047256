package s2c.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code --set path=value}: a dotted path ({@code \.} for a literal dot) and a scalar read the
 * way YAML reads it ({@code 3} is a number, {@code true} a boolean, {@code null} deletes, anything
 * else a string). Lists cannot be addressed element by element: set the whole list in a file.
 */
public record SetExpression(List<String> path, JsonNode value, String text) {
  static final int MAX_SEGMENTS = 16;
  static final int MAX_PATH_CHARS = 1024;

  public static Optional<SetExpression> parse(String text, Diagnostics diagnostics) {
    // never echo the value: it may be something that must not reach logs
    int cut = text.indexOf('=');
    SourceLocation at =
        SourceLocation.file("--set " + (cut > 0 ? text.substring(0, cut) : "<no path>"));
    int eq = text.indexOf('=');
    if (eq <= 0) {
      diagnostics.error(
          Codes.BAD_SET, at, "--set needs path=value", "for example --set services.api.replicas=2");
      return Optional.empty();
    }
    List<String> path = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    String rawPath = text.substring(0, eq);
    if (rawPath.length() > MAX_PATH_CHARS
        || rawPath.chars().filter(c -> c == '.').count() >= MAX_SEGMENTS) {
      diagnostics.error(
          Codes.BAD_SET,
          SourceLocation.file("--set"),
          "--set path is longer than "
              + MAX_SEGMENTS
              + " segments or "
              + MAX_PATH_CHARS
              + " characters",
          "values are a few levels deep, e.g. services.api.env.LOG_LEVEL");
      return Optional.empty();
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '\\' && i + 1 < rawPath.length() && rawPath.charAt(i + 1) == '.') {
        part.append('.');
        i++;
      } else if (c == '.') {
        path.add(part.toString());
        part.setLength(0);
      } else if (c == '[' || c == ']') {
        diagnostics.error(
            Codes.BAD_SET,
            at,
            "--set cannot address list elements",
            "put the whole list in a --values file");
        return Optional.empty();
      } else {
        part.append(c);
      }
    }
    path.add(part.toString());
    if (path.stream().anyMatch(String::isEmpty)) {
      diagnostics.error(
          Codes.BAD_SET, at, "--set path has an empty segment: '" + rawPath + "'", null);
      return Optional.empty();
    }
    return Optional.of(new SetExpression(List.copyOf(path), scalar(text.substring(eq + 1)), text));
  }

  static JsonNode scalar(String raw) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (raw) {
      case "null", "~":
        return f.nullNode();
      case "true":
        return f.booleanNode(true);
      case "false":
        return f.booleanNode(false);
      default:
        break;
    }
    if (raw.matches("-?(0|[1-9][0-9]{0,17})")) {
      return f.numberNode(new BigInteger(raw));
    }
    if (raw.matches("-?(0|[1-9][0-9]{0,17})\\.[0-9]{1,18}")) {
      return f.numberNode(new BigDecimal(raw));
    }
    return f.textNode(raw);
  }

  /** This expression as a one-path values layer. */
  public ObjectNode asLayer() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode cursor = root;
    for (int i = 0; i < path.size() - 1; i++) {
      cursor = cursor.putObject(path.get(i));
    }
    cursor.set(path.get(path.size() - 1), value);
    return root;
  }

  public Locator locator() {
    String name = "--set " + String.join(".", path);
    return pointer -> new SourceLocation(name, 0, 0, pointer);
  }
}
