package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Severity;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.Checks;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.write.ToolRunner;

/**
 * The two check policies. {@code --checks fast} (what the goldens and the determinism test use)
 * starts no program, so its verdict cannot depend on what is installed; {@code --checks full} runs
 * the external tools where they are, once per golden case, and they find nothing the in-process
 * rules did not: the same diagnostics plus, at most, infos about tools this machine lacks.
 */
class FullChecksTest {
  private static final TargetRegistry REGISTRY = TargetRegistry.load();
  private static final Compiler COMPILER = new Compiler(REGISTRY);

  @Test
  void fastChecksStartNoProgramForAnyCase() throws Exception {
    long before = ToolRunner.started();
    for (GoldenCase c : GoldenCase.all()) {
      for (Target t : REGISTRY.all()) {
        COMPILER.compile(c.forProvider(t.id(), Checks.FAST));
      }
    }
    assertThat(ToolRunner.started() - before).as("programs started under --checks fast").isZero();
    // and the counter does count: full checks of a bare-metal case start the tools that are
    // installed
    if (s2c.write.Executables.onPath("shellcheck").isPresent()) {
      GoldenCase demo =
          GoldenCase.all().stream()
              .filter(c -> c.name().equals("baremetal-demo"))
              .findFirst()
              .orElseThrow();
      COMPILER.compile(demo.forProvider("baremetal", Checks.FULL));
      assertThat(ToolRunner.started()).isGreaterThan(before);
    }
  }

  @TestFactory
  Stream<DynamicTest> fullChecksAgreeWithTheGoldens() throws Exception {
    return GoldenCase.all().stream()
        .flatMap(
            c ->
                REGISTRY.all().stream()
                    .map(
                        t ->
                            DynamicTest.dynamicTest(
                                c.name() + " × " + t.id(),
                                () -> {
                                  CompileResult fast =
                                      COMPILER.compile(c.forProvider(t.id(), Checks.FAST));
                                  CompileResult full =
                                      COMPILER.compile(c.forProvider(t.id(), Checks.FULL));
                                  assertThat(full.tree())
                                      .as("the tree does not depend on the policy")
                                      .isEqualTo(fast.tree());
                                  List<String> fastSaid =
                                      fast.diagnostics().stream()
                                          .filter(d -> !d.code().equals(Codes.CHECK_SKIPPED))
                                          .map(Diagnostic::format)
                                          .toList();
                                  List<String> fullSaid =
                                      full.diagnostics().stream()
                                          .filter(
                                              d ->
                                                  !(d.code().equals(Codes.CHECK_SKIPPED)
                                                      && d.severity() == Severity.INFO))
                                          .map(Diagnostic::format)
                                          .toList();
                                  assertThat(fullSaid)
                                      .as(
                                          "what the external tools add for %s × %s",
                                          c.name(), t.id())
                                      .isEqualTo(fastSaid);
                                })));
  }
}
