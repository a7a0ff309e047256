package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;

/**
 * A hand edit is a warning for people and an error for CI (--strict, which the emitted CI uses).
 */
class ValidateStrictTest {
  @TempDir Path tmp;

  @Test
  void handEditsFailOnlyUnderStrict() throws Exception {
    assertThat(
            CliRun.of(
                    "compile",
                    "--bundle",
                    TestPaths.fixture("baremetal-demo/bundle.json").toString(),
                    "--provider",
                    "do",
                    "--set",
                    "services.api.image=ghcr.io/x/a:1",
                    "--out",
                    tmp.toString())
                .exit())
        .isZero();
    Path dir = tmp.resolve("s2c-e2e-demo/cloud/digitalocean");
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, Files.readString(readme) + "\nedited by hand\n");
    Files.writeString(dir.resolve("notes.txt"), "not rendered\n");
    CliRun lenient = CliRun.of("validate", dir.toString());
    assertThat(lenient.exit()).isZero();
    assertThat(lenient.err()).contains("warning[S2C078]", "README.md", "notes.txt");
    CliRun strict = CliRun.of("validate", "--strict", dir.toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.err())
        .contains(
            "error[S2C078]: file differs from what scenario-to-cloud rendered",
            "error[S2C078]: file is not part of the render");
  }

  @Test
  void theManifestRecordsEverySetByPathAndDigestButNeverItsValue() throws Exception {
    assertThat(
            CliRun.of(
                    "compile",
                    "--bundle",
                    TestPaths.fixture("baremetal-demo/bundle.json").toString(),
                    "--provider",
                    "do",
                    "--set",
                    "services.api.image=ghcr.io/x/a:1",
                    "--set",
                    "services.api.env.LOG_LEVEL=debug-7f3a",
                    "--out",
                    tmp.toString())
                .exit())
        .isZero();
    String manifest =
        Files.readString(tmp.resolve("s2c-e2e-demo/cloud/digitalocean/s2c-manifest.json"));
    assertThat(manifest)
        .contains("\"--set services.api.image\"", "\"--set services.api.env.LOG_LEVEL\"")
        .doesNotContain("debug-7f3a");
  }
}
