package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Diagnostic;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;
import s2c.testing.TreeAssert;
import s2c.write.TreeWriter;

/**
 * Every golden case × every provider on the class path, byte for byte: the tree in {@code
 * expected/<provider>/} and the diagnostics in {@code expected/<provider>.diagnostics.txt}. A case
 * with no expected tree must fail to compile with exactly those diagnostics. For Helm charts the
 * {@code helm template} output is golden too ({@code expected/<provider>.helm-template/}). {@code
 * -Dgolden.update=true} rewrites the expected files instead (then review the diff).
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCaseForEveryProvider() throws Exception {
    TargetRegistry registry = TargetRegistry.load();
    assertThat(registry.all()).extracting(Target::id).contains("digitalocean", "kubernetes");
    Compiler compiler = new Compiler(registry);
    var cases = GoldenCase.all();
    assertThat(cases).as("golden cases").hasSizeGreaterThanOrEqualTo(5);
    return cases.stream()
        .flatMap(
            c ->
                registry.all().stream()
                    .map(
                        t ->
                            DynamicTest.dynamicTest(
                                c.name() + " × " + t.id(), () -> check(compiler, c, t))));
  }

  private static void check(Compiler compiler, GoldenCase c, Target target) throws Exception {
    CompileResult result = compiler.compile(c.forProvider(target.id()));
    String diagnostics =
        result.diagnostics().stream()
            .map(Diagnostic::format)
            .map(TestPaths::relativize)
            .collect(Collectors.joining("\n", "", "\n"));
    Path expectedTree = c.expected(target.id());
    Path helmDir = expectedTree.resolveSibling(target.id() + ".helm-template");
    if (UPDATE) {
      TreeWriter.deleteRecursively(expectedTree);
      TreeWriter.deleteRecursively(helmDir);
      if (result.ok()) {
        TreeAssert.rewrite(result.tree().get(), expectedTree);
        Map<String, byte[]> helm = helmTemplates(result.tree().get());
        if (!helm.isEmpty()) {
          TreeAssert.rewrite(RenderedTree.of(helm), helmDir);
        }
      }
      Files.createDirectories(expectedTree.getParent());
      Files.writeString(c.expectedDiagnostics(target.id()), diagnostics, StandardCharsets.UTF_8);
      return;
    }
    assertThat(diagnostics)
        .as("diagnostics of %s for %s", c.name(), target.id())
        .isEqualTo(Files.readString(c.expectedDiagnostics(target.id())));
    if (!Files.isDirectory(expectedTree)) {
      assertThat(result.ok()).as("%s for %s is a failing case", c.name(), target.id()).isFalse();
      return;
    }
    assertThat(result.ok())
        .as("compile of %s for %s succeeds:%n%s", c.name(), target.id(), diagnostics)
        .isTrue();
    assertThat(TreeAssert.differences(result.tree().get(), expectedTree))
        .as(
            "rendered tree of %s for %s (run with -Dgolden.update=true to accept)",
            c.name(), target.id())
        .isEmpty();
    Map<String, byte[]> helm = helmTemplates(result.tree().get());
    if (!helm.isEmpty() || Files.isDirectory(helmDir)) {
      assertThat(TreeAssert.differences(RenderedTree.of(helm), helmDir))
          .as("helm template output of %s", c.name())
          .isEmpty();
    }
  }

  /**
   * helm template of every chart in the tree, with its default values and with each values/*.yaml.
   */
  static Map<String, byte[]> helmTemplates(RenderedTree tree) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    String chart =
        tree.files().keySet().stream()
            .filter(p -> p.startsWith("chart/") && p.endsWith("/Chart.yaml"))
            .map(p -> p.substring(0, p.length() - "/Chart.yaml".length()))
            .findFirst()
            .orElse(null);
    if (chart == null) {
      return out;
    }
    Path dir = Files.createTempDirectory(tmp, "chart");
    TreeAssert.rewrite(tree, dir);
    String name = chart.substring(chart.lastIndexOf('/') + 1);
    out.put(
        "default.yaml",
        new Helm(dir.resolve(chart))
            .template()
            .withName(name)
            .withNamespace(name)
            .withKubeVersion("1.30.9")
            .call()
            .getBytes(StandardCharsets.UTF_8));
    for (String values : tree.files().keySet()) {
      if (values.startsWith("values/")) {
        out.put(
            values.substring("values/".length()),
            new Helm(dir.resolve(chart))
                .template()
                .withName(name)
                .withNamespace(name)
                .withKubeVersion("1.30.9")
                .withValuesFile(dir.resolve(values))
                .call()
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
