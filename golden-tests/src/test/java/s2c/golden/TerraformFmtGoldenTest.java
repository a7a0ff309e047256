package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.terraform.TerraformFmt;
import s2c.testing.TestPaths;

/** {@code terraform fmt -check} on every golden DigitalOcean tree, when terraform is installed. */
class TerraformFmtGoldenTest {
  @Test
  void everyGoldenTerraformTreeIsFmtClean() throws Exception {
    assumeTrue(TerraformFmt.terraformOnPath().isPresent(), "terraform is not on PATH");
    Path cases = TestPaths.projectRoot().resolve("golden-tests/cases");
    List<GoldenCase> all = GoldenCase.all();
    for (GoldenCase c : all) {
      Path dir = c.expected("digitalocean").resolve("terraform");
      if (!java.nio.file.Files.isDirectory(dir)) {
        continue; // a case that must fail for DigitalOcean has no tree
      }
      Process p = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-diff", ".").directory(dir.toFile())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("terraform fmt -check in %s:%n%s", cases.relativize(dir), output).isZero();
    }
    assertThat(all).isNotEmpty();
  }
}
