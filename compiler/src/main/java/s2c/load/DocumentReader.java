package s2c.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads JSON or YAML into a {@link SourceDocument}, recording the line and column of every value.
 * Hostile input is bounded: files over {@link #MAX_BYTES} are refused before parsing, YAML aliases
 * are capped (billion laughs), and duplicate keys are reported instead of silently overwritten.
 */
public final class DocumentReader {
  public static final long MAX_BYTES = 4L * 1024 * 1024;
  static final int MAX_YAML_ALIASES = 50;
  static final int MAX_NODES = 200_000;

  /**
   * Deeper than any real bundle or values file; refused with its position before a parser's own
   * limit.
   */
  static final int MAX_DEPTH = 64;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .loadSettings(
                      LoadSettings.builder()
                          .setMaxAliasesForCollections(MAX_YAML_ALIASES)
                          .setAllowDuplicateKeys(true)
                          .setCodePointLimit((int) MAX_BYTES)
                          .build())
                  .build())
          .build();

  private DocumentReader() {}

  public static Optional<SourceDocument> read(
      Path file, String displayName, Diagnostics diagnostics) {
    SourceLocation at = SourceLocation.file(displayName);
    try {
      if (!Files.isRegularFile(file)) {
        diagnostics.error(
            Codes.FILE_UNREADABLE,
            at,
            "input file does not exist or is not a regular file",
            "check the path; it is resolved against the current directory");
        return Optional.empty();
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        diagnostics.error(
            Codes.FILE_TOO_LARGE,
            at,
            "input file is " + size + " bytes; the limit is " + MAX_BYTES + " bytes",
            "a bundle manifest is a few kilobytes; is this the right file?");
        return Optional.empty();
      }
      return parse(Files.readAllBytes(file), displayName, diagnostics);
    } catch (IOException e) {
      diagnostics.error(
          Codes.FILE_UNREADABLE, at, "cannot read input file: " + e.getMessage(), null);
      return Optional.empty();
    }
  }

  public static Optional<SourceDocument> parse(
      byte[] bytes, String displayName, Diagnostics diagnostics) {
    SourceLocation at = SourceLocation.file(displayName);
    if (bytes.length > MAX_BYTES) {
      diagnostics.error(
          Codes.FILE_TOO_LARGE,
          at,
          "input is " + bytes.length + " bytes; the limit is " + MAX_BYTES + " bytes",
          null);
      return Optional.empty();
    }
    boolean yaml = isYaml(displayName, bytes);
    Builder builder = new Builder(displayName, diagnostics);
    try (JsonParser parser = yaml ? YAML.createParser(bytes) : JSON.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        diagnostics.error(Codes.SYNTAX, at, "the document is empty", null);
        return Optional.empty();
      }
      JsonNode root = builder.value(parser, "", 0);
      if (parser.nextToken() != null) {
        TokenStreamLocation loc = parser.currentTokenLocation();
        diagnostics.error(
            Codes.SYNTAX,
            new SourceLocation(displayName, loc.getLineNr(), loc.getColumnNr(), ""),
            "unexpected content after the end of the document",
            "a file holds exactly one document");
        return Optional.empty();
      }
      if (!root.isObject()) {
        diagnostics.error(
            Codes.NOT_AN_OBJECT,
            builder.locationOf(""),
            "the document must be an object (a map), found " + kind(root),
            null);
        return Optional.empty();
      }
      if (builder.failed) {
        return Optional.empty();
      }
      return Optional.of(new SourceDocument(displayName, bytes, root, builder.positions));
    } catch (TooDeep e) {
      return Optional.empty(); // reported where it was found
    } catch (JacksonException e) {
      reportParseFailure(e, displayName, diagnostics);
      return Optional.empty();
    } catch (RuntimeException e) {
      // snakeyaml-engine signals its own limits with unchecked exceptions of its own types
      reportParseFailure(e, displayName, diagnostics);
      return Optional.empty();
    }
  }

  private static void reportParseFailure(
      RuntimeException e, String displayName, Diagnostics diagnostics) {
    int line = 0;
    int column = 0;
    if (e instanceof JacksonException je && je.getLocation() != null) {
      line = je.getLocation().getLineNr();
      column = je.getLocation().getColumnNr();
    }
    String message =
        firstLine(e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage());
    Throwable cause = e;
    while (cause != null) {
      String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("number of aliases") || text.contains("alias")) {
        diagnostics.error(
            Codes.YAML_ALIAS_LIMIT,
            new SourceLocation(displayName, line, column, ""),
            "YAML uses more than "
                + MAX_YAML_ALIASES
                + " aliases for collections; refusing to expand it",
            "write the values out instead of using anchors and aliases");
        return;
      }
      cause = cause.getCause();
    }
    diagnostics.error(
        Codes.SYNTAX,
        new SourceLocation(displayName, line, column, ""),
        "cannot parse " + (isYamlName(displayName) ? "YAML" : "JSON") + ": " + message,
        "check the syntax near this position");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed input";
    }
    int newline = message.indexOf('\n');
    String line = newline >= 0 ? message.substring(0, newline) : message;
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  static boolean isYamlName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private static boolean isYaml(String name, byte[] bytes) {
    if (isYamlName(name)) {
      return true;
    }
    if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return false;
    }
    String head =
        new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).stripLeading();
    return !(head.startsWith("{") || head.startsWith("["));
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** Stops the walk once a document is too deep; the diagnostic is already reported. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  /** Builds the tree token by token so each value keeps its position. */
  private static final class Builder {
    private final String name;
    private final Diagnostics diagnostics;
    private final Map<String, int[]> positions = new HashMap<>();
    private int nodes;
    private boolean failed;
    private boolean aliasReported;

    Builder(String name, Diagnostics diagnostics) {
      this.name = name;
      this.diagnostics = diagnostics;
    }

    /**
     * No input number needs more than a long or 18 significant digits; 1e999999 and friends are
     * refused here with their position instead of failing later in a conversion.
     */
    private JsonNode number(
        JsonNode n, JsonParser parser, TokenStreamLocation loc, String pointer) {
      java.math.BigDecimal d = n.decimalValue();
      boolean tooBig = d.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0;
      boolean tooPrecise = d.stripTrailingZeros().scale() > 18;
      if (tooBig || tooPrecise) {
        failed = true;
        diagnostics.error(
            Codes.WRONG_TYPE,
            new SourceLocation(name, loc.getLineNr(), loc.getColumnNr(), pointer),
            "number " + parser.getString() + " is out of range",
            "numbers in bundles and values fit in 64 bits with at most 18 decimals");
        return JsonNodeFactory.instance.nullNode();
      }
      return n;
    }

    SourceLocation locationOf(String pointer) {
      int[] at = positions.getOrDefault(pointer, new int[] {0, 0});
      return new SourceLocation(name, at[0], at[1], pointer);
    }

    JsonNode value(JsonParser parser, String pointer, int depth) {
      if (++nodes > MAX_NODES) {
        throw new IllegalStateException("more than " + MAX_NODES + " values");
      }
      TokenStreamLocation loc = parser.currentTokenLocation();
      positions.putIfAbsent(pointer, new int[] {loc.getLineNr(), loc.getColumnNr()});
      JsonToken start = parser.currentToken();
      if (depth >= MAX_DEPTH
          && (start == JsonToken.START_OBJECT || start == JsonToken.START_ARRAY)) {
        failed = true;
        diagnostics.error(
            Codes.SYNTAX,
            new SourceLocation(name, loc.getLineNr(), loc.getColumnNr(), ""),
            "the document nests deeper than " + MAX_DEPTH + " levels",
            "bundles and values files are a few levels deep; flatten it");
        throw new TooDeep();
      }
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        // the parser does not expand aliases (it would hand back the alias name as a string), and
        // expanding them is how "billion laughs" files explode: refuse them with a clear message
        failed = true;
        if (!aliasReported) {
          aliasReported = true;
          diagnostics.error(
              Codes.YAML_ALIAS_LIMIT,
              new SourceLocation(name, loc.getLineNr(), loc.getColumnNr(), pointer),
              "YAML aliases (*name) are not accepted in inputs",
              "write the values out instead of using anchors and aliases");
        }
        return JsonNodeFactory.instance.nullNode();
      }
      JsonNodeFactory f = JsonNodeFactory.instance;
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          {
            ObjectNode object = f.objectNode();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
              String key = parser.currentName();
              String child = Pointers.child(pointer, key);
              TokenStreamLocation keyLoc = parser.currentTokenLocation();
              boolean duplicate = object.has(key);
              if (duplicate) {
                failed = true;
                diagnostics.error(
                    Codes.DUPLICATE_KEY,
                    new SourceLocation(name, keyLoc.getLineNr(), keyLoc.getColumnNr(), child),
                    "duplicate key '" + key + "'",
                    "each key may appear once per object; remove or rename one");
              } else {
                positions.put(child, new int[] {keyLoc.getLineNr(), keyLoc.getColumnNr()});
              }
              parser.nextToken();
              JsonNode v = value(parser, child, depth + 1);
              if (!duplicate) {
                object.set(key, v);
              }
            }
            return object;
          }
        case START_ARRAY:
          {
            ArrayNode array = f.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              array.add(value(parser, Pointers.child(pointer, index++), depth + 1));
            }
            return array;
          }
        case VALUE_STRING:
          return f.textNode(parser.getString());
        case VALUE_NUMBER_INT:
          return number(f.numberNode(parser.getBigIntegerValue()), parser, loc, pointer);
        case VALUE_NUMBER_FLOAT:
          return number(f.numberNode(parser.getDecimalValue()), parser, loc, pointer);
        case VALUE_TRUE:
          return f.booleanNode(true);
        case VALUE_FALSE:
          return f.booleanNode(false);
        case VALUE_NULL:
          return f.nullNode();
        default:
          throw new IllegalStateException("unexpected token " + token);
      }
    }
  }
}
