package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.terraform.TerraformFmt;
import s2c.testing.TestPaths;

/**
 * {@code terraform fmt -check} on every golden tree of every target that renders Terraform, when
 * terraform is installed.
 */
class TerraformFmtGoldenTest {
  @Test
  void everyGoldenTerraformTreeIsFmtClean() throws Exception {
    assumeTrue(TerraformFmt.terraformOnPath().isPresent(), "terraform is not on PATH");
    Path cases = TestPaths.projectRoot().resolve("golden-tests/cases");
    int checked = 0;
    for (GoldenCase c : GoldenCase.all()) {
      for (Target target : TargetRegistry.load().all()) {
        Path dir = c.expected(target.id()).resolve("terraform");
        if (!Files.isDirectory(dir)) {
          continue; // not a Terraform target, or a case that must fail for it
        }
        Process p =
            new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-diff", ".")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor())
            .as("terraform fmt -check in %s:%n%s", cases.relativize(dir), output)
            .isZero();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3);
  }
}
