package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;

/**
 * {@code compile --images images.json}: every image pinned by digest, mistakes located in the
 * images file, and a prod render that still runs a tag warned about per service.
 */
class ImagesOptionTest {
  private static final String DIGEST = "sha256:" + "0f".repeat(32);

  @TempDir Path tmp;

  private CliRun compile(String provider, Path images, String... extra) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "compile",
                "--scenario-dir",
                TestPaths.fixture("picker-wheel").toString(),
                "--provider",
                provider,
                "--checks",
                "fast",
                "--out",
                tmp.resolve("out").toString()));
    if (images != null) {
      args.addAll(java.util.List.of("--images", images.toString()));
    }
    args.addAll(java.util.List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void pinnedImagesReachTheRenderAndTheManifestRecordsTheFile() throws Exception {
    CliRun run = compile("kubernetes", TestPaths.fixture("picker-wheel/images.json"));
    assertThat(run.exit()).as(run.err()).isZero();
    Path out = tmp.resolve("out/picker-wheel/cloud/kubernetes");
    assertThat(Files.readString(out.resolve("chart/picker-wheel/values.yaml")))
        .contains(
            "digest: sha256:9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0b");
    assertThat(Files.readString(out.resolve("s2c-manifest.json"))).contains("\"images.json\"");
  }

  @Test
  void anUnknownServiceOrATagIsAnErrorInTheImagesFile() throws Exception {
    Path unknown = tmp.resolve("images.json");
    Files.writeString(
        unknown,
        "{\n  \"api\": \"ghcr.io/o/api@"
            + DIGEST
            + "\",\n  \"worker\": \"ghcr.io/o/worker@"
            + DIGEST
            + "\"\n}\n");
    CliRun run = compile("kubernetes", unknown);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(unknown + ":3:3: error[S2C041]").contains("'worker'");

    Path tagged = tmp.resolve("tagged.json");
    Files.writeString(tagged, "{\n  \"api\": \"ghcr.io/o/api:1.0\"\n}\n");
    CliRun refused = compile("kubernetes", tagged);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains(tagged + ":2:3: error[S2C105]");
  }

  @Test
  void prodWarnsAboutEveryImageThatIsATagUntilItIsPinned() {
    String[] prod = {
      "--set", "environment=prod",
      "--set", "services.api.image=ghcr.io/o/api:1.0",
      "--set", "services.ui.image=ghcr.io/o/ui:1.0"
    };
    CliRun tags = compile("kubernetes", null, prod);
    assertThat(tags.err())
        .contains("warning[S2C106]: service 'api'")
        .contains("warning[S2C106]: service 'ui'");
    // --set comes after the images file, as after every values file: without it the pins hold
    CliRun pinned =
        compile(
            "kubernetes",
            TestPaths.fixture("picker-wheel/images.json"),
            "--set",
            "environment=prod");
    assertThat(pinned.err()).doesNotContain("S2C106");
  }
}
