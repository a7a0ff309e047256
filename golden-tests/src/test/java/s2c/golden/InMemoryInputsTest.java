package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.spi.Checks;
import s2c.spi.TargetRegistry;

/**
 * The render needs no file system: every golden case, given as in-memory documents (what the HTTP
 * API does), renders the same bytes, manifest included, and says the same, as from its files.
 */
class InMemoryInputsTest {
  @Test
  void everyCaseRendersTheSameFromMemoryAsFromFiles() throws Exception {
    TargetRegistry registry = TargetRegistry.load();
    Compiler compiler = new Compiler(registry);
    int compared = 0;
    for (GoldenCase c : GoldenCase.all()) {
      for (var target : registry.all()) {
        CompileRequest files = c.forProvider(target.id(), Checks.FAST);
        CompileRequest memory = inMemory(files);
        CompileResult a = compiler.compile(files);
        CompileResult b = compiler.compile(memory);
        assertThat(b.tree()).as("%s × %s", c.name(), target.id()).isEqualTo(a.tree());
        // the same diagnostics, at the same lines (their order follows the file names, which
        // differ)
        assertThat(
                b.diagnostics().stream()
                    .map(
                        d ->
                            d.code()
                                + " "
                                + d.at().line()
                                + ":"
                                + d.at().column()
                                + " "
                                + d.message())
                    .toList())
            .containsExactlyInAnyOrderElementsOf(
                a.diagnostics().stream()
                    .map(
                        d ->
                            d.code()
                                + " "
                                + d.at().line()
                                + ":"
                                + d.at().column()
                                + " "
                                + d.message())
                    .toList());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(20);
  }

  /**
   * The same request with every file read into memory under its file name; a scenario directory as
   * its service.json.
   */
  private static CompileRequest inMemory(CompileRequest r) throws Exception {
    List<InputDocument> values = new ArrayList<>();
    for (InputDocument v : r.values()) {
      values.add(read(v));
    }
    Optional<InputDocument> serviceJson =
        r.scenarioDir().isPresent()
            ? Optional.of(
                InputDocument.inline(
                    ".vrooli/service.json",
                    Files.readAllBytes(r.scenarioDir().get().resolve(".vrooli/service.json"))))
            : Optional.empty();
    return new CompileRequest(
        r.bundle().isPresent() ? Optional.of(read(r.bundle().get())) : Optional.empty(),
        Optional.empty(),
        serviceJson,
        r.provider(),
        r.environment(),
        values,
        r.setExpressions(),
        r.secretsPlan().isPresent() ? Optional.of(read(r.secretsPlan().get())) : Optional.empty(),
        r.checks(),
        r.images().isPresent() ? Optional.of(read(r.images().get())) : Optional.empty());
  }

  private static InputDocument read(InputDocument d) throws Exception {
    Path path = ((InputDocument.File) d).path();
    return InputDocument.inline(path.getFileName().toString(), Files.readAllBytes(path));
  }
}
