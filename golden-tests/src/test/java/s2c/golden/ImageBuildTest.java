package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.images.ImageBuilder;
import s2c.testing.TestPaths;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code build} against a real registry (Debian's docker-registry on 127.0.0.1, a port and storage
 * of this run, stopped afterwards): an API binary on scratch and a UI's assets on a static-server
 * base the test makes itself (no public registry here), pushed without a daemon; the manifest and
 * config read back over the registry API; the same inputs give the same digests; images.json feeds
 * compile --images; a missing binary and a registry that is down fail as they should.
 */
class ImageBuildTest {
  @TempDir Path tmp;
  private LocalRegistry registry;
  private int port;

  @BeforeEach
  void registryInstalled() {
    assumeTrue(LocalRegistry.installed(), "docker-registry is not installed");
  }

  /** A scenario's build output: an API binary and a UI's built assets. */
  private Path scenario(boolean withBinary) throws IOException {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(app.resolve("bin/linux-x64"));
    if (withBinary) {
      Files.writeString(app.resolve("bin/linux-x64/tiny-api"), "#!/bin/sh\necho api\n");
    }
    Files.createDirectories(app.resolve("ui/dist/assets"));
    Files.writeString(app.resolve("ui/dist/index.html"), "<h1>tiny</h1>\n");
    Files.writeString(app.resolve("ui/dist/assets/app.js"), "console.log('tiny');\n");
    Files.copy(TestPaths.fixture("images-tiny/bundle.json"), app.resolve("bundle.json"));
    return app.resolve("bundle.json");
  }

  private void startRegistry(Optional<String> password) throws Exception {
    registry = LocalRegistry.start(tmp, password);
    port = registry.port();
  }

  @AfterEach
  void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private String staticBase() throws Exception {
    return registry.staticBase(Optional.empty());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return registry.get(path);
  }

  private CliRun build(Path bundle, Path out, String base) {
    return CliRun.of(
        "build",
        "--bundle",
        bundle.toString(),
        "--registry",
        "127.0.0.1:" + port + "/vrooli",
        "--insecure-registry",
        "--base-image",
        "static=" + base,
        "--out",
        out.toString());
  }

  private JsonNode json(String text) {
    return YamlOutput.read(text);
  }

  @Test
  void imagesArePushedReproduciblyAndPinTheRender() throws Exception {
    startRegistry(Optional.empty());
    Path bundle = scenario(true);
    String base = staticBase();
    CliRun first = build(bundle, tmp.resolve("out1"), base);
    assertThat(first.exit()).as(first.err()).isZero();
    CliRun second = build(bundle, tmp.resolve("out2"), base);
    assertThat(second.exit()).as(second.err()).isZero();
    String images = Files.readString(tmp.resolve("out1/images.json"));
    assertThat(Files.readString(tmp.resolve("out2/images.json"))).isEqualTo(images);

    JsonNode pinned = json(images);
    String api = pinned.path("api").asString();
    assertThat(api).startsWith("127.0.0.1:" + port + "/vrooli/tiny-api@sha256:");
    JsonNode manifest =
        json(get("/v2/vrooli/tiny-api/manifests/" + api.substring(api.indexOf('@') + 1)).body());
    assertThat(manifest.path("mediaType").asString())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(manifest.path("layers")).hasSize(1);
    JsonNode config =
        json(
            get("/v2/vrooli/tiny-api/blobs/" + manifest.path("config").path("digest").asString())
                .body());
    assertThat(config.path("created").asString()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(config.path("config").path("User").asString()).isEqualTo("65532:65532");
    assertThat(config.path("config").path("WorkingDir").asString()).isEqualTo("/app");
    assertThat(config.path("config").path("Entrypoint").get(0).asString())
        .isEqualTo("/app/tiny-api");
    assertThat(config.path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.path("config").path("Labels").path("dev.vrooli.scenario").asString())
        .isEqualTo("tiny");

    // the UI: the base's layer, then its assets
    String ui = pinned.path("ui").asString();
    JsonNode uiManifest =
        json(get("/v2/vrooli/tiny-ui/manifests/" + ui.substring(ui.indexOf('@') + 1)).body());
    assertThat(uiManifest.path("layers")).hasSize(2);
    assertThat(Files.readString(tmp.resolve("out1/sbom/ui.spdx.json")))
        .contains("./srv/www/assets/app.js", "./srv/www/index.html", "SHA256");

    // the images pin the render
    CliRun compile =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "kubernetes",
            "--images",
            tmp.resolve("out1/images.json").toString(),
            "--checks",
            "fast",
            "--out",
            tmp.resolve("dist").toString());
    assertThat(compile.exit()).as(compile.err()).isZero();
    assertThat(Files.readString(tmp.resolve("dist/tiny/cloud/kubernetes/chart/tiny/values.yaml")))
        .contains("digest: " + api.substring(api.indexOf('@') + 1));
  }

  @Test
  void aMissingBinaryIsAnErrorAtTheServiceAndADownRegistryExitsThree() throws Exception {
    startRegistry(Optional.empty());
    CliRun missing =
        build(scenario(false), tmp.resolve("out"), "127.0.0.1:1/base@sha256:" + "0".repeat(64));
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("error[S2C107]").contains("'api'");

    Files.writeString(tmp.resolve("app/bin/linux-x64/tiny-api"), "#!/bin/sh\n");
    String base = staticBase();
    registry.close();
    CliRun down = build(tmp.resolve("app/bundle.json"), tmp.resolve("out"), base);
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("the image of service 'api' could not be built and pushed");
    assertThat(Files.exists(tmp.resolve("out/images.json"))).isFalse();
  }

  @Test
  void credentialsComeFromTheEnvironmentOverTlsAndAreNeverPrinted() throws Exception {
    String password = s2c.testing.Canary.numbered(60);
    startRegistry(Optional.of(password));
    Path bundle = scenario(true);
    String base = registry.staticBase(Optional.of(new ImageBuilder.Credentials("user", password)));
    String[] args = {
      "build",
      "--bundle",
      bundle.toString(),
      "--registry",
      "127.0.0.1:" + port + "/vrooli",
      "--insecure-registry",
      "--base-image",
      "static=" + base,
      "--out",
      tmp.resolve("out").toString()
    };
    Process ok =
        Subprocess.start(
            Map.of("S2C_REGISTRY_USERNAME", "user", "S2C_REGISTRY_PASSWORD", password), args);
    String okOutput =
        new String(ok.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ok.waitFor()).as(okOutput).isZero();
    assertThat(okOutput).contains("api 127.0.0.1:" + port + "/vrooli/tiny-api@sha256:");
    assertThat(okOutput).doesNotContain(password);

    Process refused =
        Subprocess.start(
            Map.of("S2C_REGISTRY_USERNAME", "user", "S2C_REGISTRY_PASSWORD", password + "-wrong"),
            args);
    String refusedOutput =
        new String(
            refused.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(refused.waitFor()).as(refusedOutput).isEqualTo(3);
    assertThat(refusedOutput).contains("could not be built and pushed").doesNotContain(password);
    assertThat(CanaryTest.filesContaining(tmp.resolve("out"))).isEmpty();
  }
}
