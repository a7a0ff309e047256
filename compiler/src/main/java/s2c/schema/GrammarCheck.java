package s2c.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.load.Locator;
import s2c.load.Pointers;
import s2c.pipeline.Identifiers;
import tools.jackson.databind.JsonNode;

/**
 * Checks every string of an input document (values and map keys) against the {@link Grammar} its
 * schema names, walking the document and the schema together. This is the boundary rule of the
 * trust model: what passes may be written into any output; what does not is refused here with the
 * field's location, before a target sees it.
 */
public final class GrammarCheck {
  static final String GRAMMAR = "x-grammar";
  static final String KEY_GRAMMAR = "x-key-grammar";
  private static final int MAX_STRING = 16 * 1024;

  private final JsonNode root;

  GrammarCheck(JsonNode schemaRoot) {
    this.root = schemaRoot;
  }

  public List<Diagnostic> check(JsonNode instance, Locator at) {
    List<Diagnostic> out = new ArrayList<>();
    walk(instance, root, "", (pointer, problem) -> out.add(problem.apply(at, pointer)));
    return out;
  }

  /** One diagnostic waiting for its location. */
  interface Problem {
    Diagnostic apply(Locator at, String pointer);
  }

  private void walk(
      JsonNode node, JsonNode schema, String pointer, BiConsumer<String, Problem> report) {
    schema = resolve(schema);
    if (node.isString()) {
      String value = node.asString();
      Grammar grammar = grammarOf(schema, GRAMMAR);
      if (schema.has("enum")) {
        return; // the schema allows only its listed words
      }
      checkString(value, grammar, fieldName(pointer), report, pointer);
      return;
    }
    if (node.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = Pointers.child(pointer, e.getKey());
        if (properties.has(e.getKey())) {
          walk(e.getValue(), properties.path(e.getKey()), child, report);
        } else if (additional.isObject()) {
          checkString(
              e.getKey(),
              grammarOf(schema, KEY_GRAMMAR),
              "key in " + fieldName(pointer),
              report,
              child);
          walk(e.getValue(), additional, child, report);
        } else if (!properties.isObject() && !additional.isObject()) {
          // a free-form object the schema leaves open (metadata, generator settings): its keys and
          // strings never reach an output, but control characters are refused all the same
          checkString(e.getKey(), Grammar.LINE, "key", report, child);
          walk(e.getValue(), FREE, child, report);
        }
      }
      return;
    }
    if (node.isArray()) {
      JsonNode items = schema.has("items") ? schema.path("items") : FREE;
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), items, Pointers.child(pointer, i), report);
      }
    }
  }

  /** "/services/0/health/path" → "path": the name a user sees in the file. */
  private static String fieldName(String pointer) {
    String[] parts = pointer.split("/");
    for (int i = parts.length - 1; i > 0; i--) {
      if (!parts[i].matches("[0-9]+")) {
        return parts[i].replace("~1", "/").replace("~0", "~");
      }
    }
    return "value";
  }

  private static final JsonNode FREE =
      tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

  private static void checkString(
      String value,
      Grammar grammar,
      String what,
      BiConsumer<String, Problem> report,
      String pointer) {
    if (value.length() > MAX_STRING) {
      report.accept(
          pointer,
          (at, p) ->
              Diagnostic.error(
                  Codes.BAD_IDENTIFIER,
                  at.locate(p),
                  what
                      + " is "
                      + value.length()
                      + " characters long; at most "
                      + MAX_STRING
                      + " are accepted",
                  null));
      return;
    }
    grammar
        .problem(value)
        .ifPresent(
            problem ->
                report.accept(
                    pointer,
                    (at, p) ->
                        Diagnostic.error(
                            Codes.BAD_IDENTIFIER,
                            at.locate(p),
                            what + " " + Identifiers.quote(value) + " " + problem,
                            "expected " + grammar.what() + ": " + grammar.hint())));
  }

  private static Grammar grammarOf(JsonNode schema, String keyword) {
    String wire = schema.path(keyword).asString("line");
    return Grammar.fromWire(wire)
        .orElseThrow(
            () -> new IllegalStateException("unknown grammar '" + wire + "' in a shipped schema"));
  }

  private JsonNode resolve(JsonNode schema) {
    int hops = 0;
    while (schema.has("$ref") && hops++ < 16) {
      String ref = schema.path("$ref").asString();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("only local $ref are supported in shipped schemas: " + ref);
      }
      schema = root.at(ref.substring(1));
    }
    return schema;
  }
}
