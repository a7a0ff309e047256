package s2c.golden.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Diagnostic;
import s2c.load.DocumentReader;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.schema.SchemaValidator;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The injection property: every string field of the bundle, values and secrets-plan schemas
 * (enumerated from the schemas, not a hand list), filled with payloads for every output language,
 * renders for every provider either refused with a diagnostic located at that field, or with the
 * payload present only as inert data in every file (checked by {@link Inertness}). {@link
 * InterpreterInjectionTest} runs the real interpreters on the accepted payloads.
 */
class InjectionPropertyTest {
  static final String MARKER = "/tmp/s2c-pwned-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();

  enum Doc {
    BUNDLE,
    VALUES,
    PLAN
  }

  /**
   * Payloads for shell, Jinja, Go templates, HCL, YAML, Caddyfile, Kubernetes expansion and control
   * characters.
   */
  static List<String> payloads(String marker) {
    return List.of(
        "$(touch " + marker + ")",
        "`touch " + marker + "`",
        "x; touch " + marker + " #",
        "x' ; touch " + marker + " ; echo '",
        "x\" ; touch " + marker + " ; echo \"",
        "x\ntouch " + marker,
        "{{ lookup('pipe', 'touch " + marker + "') }}",
        "{% for x in range(1) %}{{ lookup('pipe','touch " + marker + "') }}{% endfor %}",
        "{{ .Release.Namespace }}{{ lookup \"v1\" \"Secret\" \"\" \"\" }}" + marker,
        "${file(\"" + marker + "\")}%{ if true }" + marker + "%{ endif }",
        "x\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: " + marker + "}",
        "a: b # " + marker,
        "x }\nimport " + marker + "\n{",
        "$(" + marker.replace("/", "_") + ")",
        "x\u0000" + marker,
        "x\r" + marker,
        "x\u202e" + marker);
  }

  static JsonNode read(Path file) {
    return DocumentReader.read(file, file.toString(), new s2c.diag.Diagnostics())
        .orElseThrow()
        .root();
  }

  static Map<Doc, JsonNode> base() {
    Path dir = TestPaths.fixture("injection");
    Map<Doc, JsonNode> docs = new EnumMap<>(Doc.class);
    docs.put(Doc.BUNDLE, read(dir.resolve("bundle.json")));
    docs.put(Doc.VALUES, read(dir.resolve("values.yaml")));
    docs.put(Doc.PLAN, read(dir.resolve("secrets-plan.json")));
    return docs;
  }

  static InputFields fields(Doc doc) {
    // the values schema as compile checks it: with every target's provider settings
    return new InputFields(
        switch (doc) {
          case BUNDLE -> SchemaValidator.of(SchemaValidator.BUNDLE).schema();
          case VALUES -> s2c.pipeline.ValuesSchema.assemble(s2c.spi.TargetRegistry.load().all());
          case PLAN -> SchemaValidator.of(SchemaValidator.SECRETS_PLAN).schema();
        });
  }

  /**
   * A copy of {@code docs} with the string at {@code slot} (or its key) replaced by {@code
   * payload}.
   */
  static Map<Doc, JsonNode> with(
      Map<Doc, JsonNode> docs, Doc doc, InputFields.Slot slot, String payload) {
    Map<Doc, JsonNode> copy = new EnumMap<>(Doc.class);
    docs.forEach((d, n) -> copy.put(d, n.deepCopy()));
    String parent = slot.pointer().substring(0, slot.pointer().lastIndexOf('/'));
    String last =
        s2c.load.Pointers.unescape(slot.pointer().substring(slot.pointer().lastIndexOf('/') + 1));
    JsonNode container = copy.get(doc).at(parent);
    if (container.isArray()) {
      ((tools.jackson.databind.node.ArrayNode) container).set(Integer.parseInt(last), payload);
    } else if (slot.key()) {
      ObjectNode object = (ObjectNode) container;
      JsonNode value = object.remove(last);
      object.set(payload, value);
    } else {
      ((ObjectNode) container).put(last, payload);
    }
    return copy;
  }

  static CompileRequest write(Map<Doc, JsonNode> docs, Path dir, String provider)
      throws IOException {
    return write(docs, dir, provider, List.of());
  }

  static CompileRequest write(Map<Doc, JsonNode> docs, Path dir, String provider, List<String> sets)
      throws IOException {
    Files.createDirectories(dir);
    Path bundle = dir.resolve("bundle.json");
    Path values = dir.resolve("values.json");
    Path plan = dir.resolve("secrets-plan.json");
    Files.writeString(bundle, JSON.writeValueAsString(docs.get(Doc.BUNDLE)));
    Files.writeString(values, JSON.writeValueAsString(docs.get(Doc.VALUES)));
    Files.writeString(plan, JSON.writeValueAsString(docs.get(Doc.PLAN)));
    return new CompileRequest(
        Optional.of(bundle),
        Optional.empty(),
        provider,
        Optional.empty(),
        List.of(values),
        java.util.stream.Stream.concat(
                ownStateBackend(docs.get(Doc.VALUES), provider).stream(), sets.stream())
            .toList(),
        Optional.of(plan));
  }

  /**
   * The fixture's state backend is DigitalOcean's (spaces); a target with remote backends of its
   * own gets its first one instead, as its users would write, so the fixture compiles everywhere.
   */
  private static List<String> ownStateBackend(JsonNode values, String provider) {
    String type = values.path("state_backend").path("type").asString("");
    List<String> kinds =
        TargetRegistry.load().find(provider).orElseThrow().stateBackends().stream()
            .map(s2c.spi.StateBackendKind::type)
            .toList();
    return type.equals("spaces") && !kinds.isEmpty() && !kinds.contains(type)
        ? List.of("state_backend.type=" + kinds.get(0))
        : List.of();
  }

  static String fileOf(Doc doc) {
    return switch (doc) {
      case BUNDLE -> "bundle.json";
      case VALUES -> "values.json";
      case PLAN -> "secrets-plan.json";
    };
  }

  @TempDir Path tmp;

  @Test
  void theInjectionFixtureSetsEveryStringFieldOfEverySchema() {
    Map<Doc, JsonNode> docs = base();
    for (Doc doc : Doc.values()) {
      Set<String> covered = new TreeSet<>();
      fields(doc).slots(docs.get(doc)).forEach(s -> covered.add(s.schemaPath()));
      Set<String> missing = new TreeSet<>(fields(doc).declared());
      missing.removeAll(covered);
      assertThat(missing)
          .as("string fields of the %s schema that fixtures/injection does not set", doc)
          .isEmpty();
    }
  }

  @Test
  void everyFieldTimesEveryPayloadTimesEveryProviderIsRefusedAtTheFieldOrInert()
      throws IOException {
    Map<Doc, JsonNode> docs = base();
    Compiler compiler = new Compiler(TargetRegistry.load());
    // every provider, and the flavours that render through other code (AWS's EKS: the chart)
    List<List<String>> providers = new ArrayList<>();
    TargetRegistry.load().all().forEach(t -> providers.add(List.of(t.id())));
    providers.add(List.of("aws", "providers.aws.flavour=eks"));
    List<String> failures = new ArrayList<>();
    int cases = 0;
    int refused = 0;
    int rendered = 0;
    int n = 0;
    for (Doc doc : Doc.values()) {
      for (InputFields.Slot slot : fields(doc).slots(docs.get(doc))) {
        for (String payload : payloads(MARKER)) {
          Map<Doc, JsonNode> injected = with(docs, doc, slot, payload);
          for (List<String> variant : providers) {
            String provider = String.join(" ", variant);
            cases++;
            CompileResult result =
                compiler.render(
                    write(
                        injected,
                        tmp.resolve("c" + (n++ % 4)),
                        variant.get(0),
                        variant.subList(1, variant.size())));
            String where =
                doc
                    + " "
                    + slot.pointer()
                    + (slot.key() ? " (key)" : "")
                    + " × "
                    + JSON.writeValueAsString(payload)
                    + " × "
                    + provider;
            if (!result.ok()) {
              refused++;
              String expected =
                  slot.key()
                      ? s2c.load.Pointers.child(
                          slot.pointer().substring(0, slot.pointer().lastIndexOf('/')), payload)
                      : slot.pointer();
              boolean located =
                  result.diagnostics().stream()
                      .filter(Diagnostic::isError)
                      .anyMatch(
                          d ->
                              d.at().file().endsWith(fileOf(doc))
                                  && d.at().pointer().equals(expected)
                                  && d.at().line() > 0);
              if (!located) {
                failures.add(
                    where
                        + ": refused, but no error is located at the field: "
                        + result.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .map(Diagnostic::format)
                            .toList());
              }
              continue;
            }
            rendered++;
            Inertness.violations(result.tree().orElseThrow(), marker(payload))
                .forEach(v -> failures.add(where + ": " + v));
          }
        }
      }
    }
    System.out.printf(
        "injection property: %d field × payload × provider cases, %d refused at the field, %d rendered inert%n",
        cases, refused, rendered);
    assertThat(failures)
        .as("injection cases that are neither refused at their field nor inert")
        .isEmpty();
    assertThat(cases).isGreaterThan(1000);
    assertThat(rendered)
        .as("payloads that render (free text) are checked, not only refused")
        .isGreaterThan(100);
  }

  /** What to look for in the output: the marker as the payload spells it. */
  static String marker(String payload) {
    return payload.contains(MARKER) ? MARKER : MARKER.replace("/", "_");
  }
}
