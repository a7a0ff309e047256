package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.hcl.HclWriter;
import s2c.testing.TestPaths;

/**
 * Cross-checks our HCL against HashiCorp's own parser (hcl2json, the Go HCL library compiled to
 * wasm): every golden .tf and a file of hostile strings must parse. Runs where .ci/run installed
 * the helper ({@code S2C_HCL2JSON} names its script); reported skipped elsewhere.
 */
class HashicorpHclParserTest {
  @Test
  void everyGoldenTerraformFileParsesWithHashicorpsParser(@TempDir Path tmp) throws Exception {
    String script = System.getenv("S2C_HCL2JSON");
    assumeTrue(
        script != null && Files.isRegularFile(Path.of(script)),
        "S2C_HCL2JSON is not set: HashiCorp parser cross-check not run");
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(TestPaths.projectRoot().resolve("golden-tests/cases"))) {
      walk.filter(p -> p.toString().endsWith(".tf")).sorted().forEach(p -> files.add(p.toString()));
    }
    Path hostile = tmp.resolve("hostile.tf");
    Files.writeString(
        hostile,
        HclWriter.write(
            HclBody.builder()
                .attr("a", "${var.x} %{ if true }y%{ endif } $${ %%{")
                .attr("b", "quote \" backslash \\ newline \n tab \t unicode é ✓ \u0001")
                .attr("c", HclExpr.strings(List.of("${a}", "}", "{")))
                .build()));
    files.add(hostile.toString());
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(files);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok ")).count()).isEqualTo(files.size());
  }
}
