package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.spi.Checks;
import s2c.spi.ResourceSupport;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;
import s2c.write.JsonOutput;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each target's resource catalogue (what {@code providers} shows) says what its planner does: a
 * required resource of every type it runs compiles, and one of every type it cannot run is an
 * error.
 */
class ResourceCatalogueTest {
  private static final TargetRegistry REGISTRY = TargetRegistry.load();

  @Test
  void everyCatalogueEntryIsWhatThePlannerDoes(@TempDir Path tmp) throws Exception {
    int checked = 0;
    for (Target target : REGISTRY.all()) {
      for (Map.Entry<String, ResourceSupport> entry : target.resourceCatalogue().entrySet()) {
        if (entry.getKey().equals(ResourceSupport.ANY_OTHER)) {
          continue;
        }
        CompileResult result = compileWith(target, entry.getKey(), tmp);
        List<String> unsupported = new ArrayList<>();
        result.diagnostics().stream()
            .filter(d -> d.code().equals(Codes.RESOURCE_UNSUPPORTED) && d.isError())
            .map(Diagnostic::format)
            .forEach(unsupported::add);
        String what = target.id() + " × " + entry.getKey() + " (" + entry.getValue() + ")";
        if (entry.getValue().placement() == ResourceSupport.Placement.UNSUPPORTED) {
          assertThat(unsupported).as(what).isNotEmpty();
        } else {
          assertThat(unsupported).as(what).isEmpty();
          assertThat(result.ok()).as(what + ": " + result.diagnostics()).isTrue();
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  /**
   * The fixture with one required resource of {@code type} instead of its own, nothing depending on
   * it.
   */
  private static CompileResult compileWith(Target target, String type, Path tmp) throws Exception {
    boolean host = target.id().equals("baremetal");
    Path base =
        TestPaths.fixture(host ? "baremetal-demo/bundle.json" : "multi-service/bundle.yaml");
    JsonNode bundle =
        host
            ? JsonOutput.mapper().readTree(Files.readString(base))
            : YamlOutput.read(Files.readString(base));
    ObjectNode copy = (ObjectNode) bundle.deepCopy();
    copy.putArray("resources").addObject().put("type", type).put("required", true);
    // the services keep their dependencies on each other, not on the fixture's own resources
    for (JsonNode service : copy.path("services")) {
      ObjectNode s = (ObjectNode) service;
      s.remove("migrations");
      if (s.has("dependencies")) {
        tools.jackson.databind.node.ArrayNode kept = s.putArray("dependencies");
        bundle
            .path("services")
            .valueStream()
            .filter(o -> o.path("id").equals(s.path("id")))
            .findFirst()
            .orElseThrow()
            .path("dependencies")
            .forEach(
                dep -> {
                  if (bundle
                      .path("services")
                      .valueStream()
                      .anyMatch(o -> o.path("id").equals(dep))) {
                    kept.add(dep);
                  }
                });
      }
    }
    Path file = tmp.resolve(target.id() + "-" + type + ".json");
    Files.writeString(file, JsonOutput.write(copy));
    return new Compiler(REGISTRY)
        .compile(
            new CompileRequest(
                Optional.of(InputDocument.file(file)),
                Optional.empty(),
                Optional.empty(),
                target.id(),
                Optional.of("dev"),
                host
                    ? List.of(InputDocument.file(TestPaths.fixture("baremetal-demo/values.yaml")))
                    : List.of(),
                List.of(),
                Optional.empty(),
                Checks.FAST));
  }
}
