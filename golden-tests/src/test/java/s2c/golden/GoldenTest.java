package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import s2c.diag.Diagnostic;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;
import s2c.testing.TreeAssert;

/**
 * Every golden case × every provider on the class path, byte for byte against the expected tree
 * and diagnostics. {@code -Dgolden.update=true} rewrites the expected files instead (then review
 * the diff before committing).
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> everyCaseForEveryProvider() throws Exception {
    TargetRegistry registry = TargetRegistry.load();
    assertThat(registry.all()).as("provider plugins on the class path").isNotEmpty();
    Compiler compiler = new Compiler(registry);
    List<GoldenCase> cases = GoldenCase.all();
    assertThat(cases).as("golden cases").hasSizeGreaterThanOrEqualTo(4);
    return cases.stream().flatMap(c -> registry.all().stream().map(t -> DynamicTest.dynamicTest(c.name() + " × " + t.id(), () -> check(compiler, c, t))));
  }

  private static void check(Compiler compiler, GoldenCase c, Target target) throws Exception {
    CompileResult result = compiler.compile(c.forProvider(target.id()));
    String diagnostics = result.diagnostics().stream().map(Diagnostic::format).map(TestPaths::relativize)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(result.ok()).as("compile of %s for %s succeeds:%n%s", c.name(), target.id(), diagnostics).isTrue();
    if (UPDATE) {
      TreeAssert.rewrite(result.tree().get(), c.expected(target.id()));
      Files.writeString(c.expectedDiagnostics(target.id()), diagnostics, StandardCharsets.UTF_8);
      return;
    }
    assertThat(TreeAssert.differences(result.tree().get(), c.expected(target.id())))
        .as("rendered tree of %s for %s (run with -Dgolden.update=true to accept)", c.name(), target.id())
        .isEmpty();
    assertThat(diagnostics).isEqualTo(Files.readString(c.expectedDiagnostics(target.id())));
  }
}
