package s2c.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Suggestions;
import s2c.load.Locator;
import s2c.load.Pointers;
import s2c.load.SourceDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a document against one of the shipped JSON Schemas and turns the library's errors into
 * our {@link Diagnostic}s (so the validator library can be swapped without touching callers).
 */
public final class SchemaValidator {
  public static final String BUNDLE = "bundle.v0.1.schema.json";
  public static final String VALUES = "values.schema.json";
  public static final String SECRETS_PLAN = "secrets-plan.schema.json";
  public static final String TENANTS = "tenants.schema.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, SchemaValidator> CACHE = new ConcurrentHashMap<>();

  private final JsonNode schemaNode;
  private final Schema schema;
  private final GrammarCheck grammar;

  private SchemaValidator(String location, JsonNode schemaNode) {
    this.schemaNode = schemaNode;
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    this.schema = registry.getSchema(SchemaLocation.of(location), schemaNode);
    this.grammar = new GrammarCheck(schemaNode);
  }

  /** A shipped schema, parsed once per process. */
  public static SchemaValidator of(String resource) {
    return CACHE.computeIfAbsent(
        resource,
        r -> new SchemaValidator("classpath:s2c/schemas/" + r, loadResource("s2c/schemas/" + r)));
  }

  /**
   * A schema assembled in memory (the values schema with every target's settings); {@code urn}
   * names it.
   */
  public static SchemaValidator of(String urn, JsonNode schema) {
    return new SchemaValidator(urn, schema);
  }

  public static JsonNode loadResource(String path) {
    try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the classpath: " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Diagnostic> validate(SourceDocument document) {
    return validate(document.root(), document);
  }

  /** The schema document itself (for tools and tests that enumerate its fields). */
  public JsonNode schema() {
    return schemaNode;
  }

  /**
   * Validates {@code node} against the schema and every string in it against its field's {@link
   * Grammar}; positions are looked up in {@code document}.
   */
  public List<Diagnostic> validate(JsonNode node, Locator document) {
    List<Diagnostic> out = new ArrayList<>(grammar.check(node, document));
    for (Error error : schema.validate(node)) {
      Diagnostic d = translate(error, document);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private Diagnostic translate(Error error, Locator document) {
    String pointer = pointer(error.getInstanceLocation());
    String keyword = String.valueOf(error.getKeyword());
    switch (keyword) {
      case "additionalProperties":
        {
          String property = error.getProperty();
          String child = Pointers.child(pointer, property);
          TreeSet<String> known = knownProperties(error.getSchemaLocation());
          return Diagnostic.error(
              Codes.UNKNOWN_FIELD,
              document.locate(child),
              "unknown field '" + property + "'",
              Suggestions.didYouMean(property, known));
        }
      case "required":
        {
          String property = error.getProperty();
          return Diagnostic.error(
              Codes.MISSING_FIELD,
              document.locate(pointer).withPointer(Pointers.child(pointer, property)),
              "missing required field '" + property + "'",
              "add '" + property + "' here");
        }
      case "type":
        return Diagnostic.error(
            Codes.WRONG_TYPE, document.locate(pointer), clean(error.getMessage(), pointer), null);
      case "if", "then", "allOf":
        return null; // the nested keyword failure carries the useful message
      default:
        return Diagnostic.error(
            Codes.VALUE_NOT_ALLOWED,
            document.locate(pointer),
            clean(error.getMessage(), pointer),
            null);
    }
  }

  /** The names a schema object accepts, found from the location of its additionalProperties. */
  private TreeSet<String> knownProperties(SchemaLocation location) {
    NodePath fragment = location.getFragment();
    JsonNode node = schemaNode;
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      Object element = fragment.getElement(i);
      node =
          element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
    }
    TreeSet<String> names = new TreeSet<>();
    Iterator<String> it = node.path("properties").propertyNames().iterator();
    it.forEachRemaining(names::add);
    return names;
  }

  private static String pointer(NodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      out.append(
          element instanceof Integer index
              ? Pointers.child("", index)
              : Pointers.child("", String.valueOf(element)));
    }
    return out.toString();
  }

  private static String clean(String message, String pointer) {
    String text = message == null ? "invalid value" : message;
    if (text.startsWith(pointer + ": ")) {
      text = text.substring(pointer.length() + 2);
    } else if (text.startsWith("$")) {
      int colon = text.indexOf(": ");
      if (colon > 0) {
        text = text.substring(colon + 2);
      }
    }
    return text;
  }
}
