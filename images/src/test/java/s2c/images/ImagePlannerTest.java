package s2c.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.model.Deployment;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;

/** The model and the build output in, image plans out; only the scenario's own files go in. */
class ImagePlannerTest {
  @TempDir Path tmp;

  private Path app;

  private Deployment scenario() throws IOException {
    app = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(app.resolve("bin/linux-x64"));
    Files.createDirectories(app.resolve("ui/dist/assets"));
    Files.writeString(app.resolve("ui/dist/index.html"), "<h1>tiny</h1>\n");
    Files.writeString(app.resolve("ui/dist/assets/b.js"), "b\n");
    Files.writeString(app.resolve("ui/dist/assets/a.js"), "a\n");
    Files.copy(
        Path.of(System.getProperty("user.dir"))
            .getParent()
            .resolve("fixtures/images-tiny/bundle.json"),
        app.resolve("bundle.json"));
    var result =
        new Compiler(TargetRegistry.load())
            .model(
                new CompileRequest(
                    Optional.of(app.resolve("bundle.json")),
                    Optional.empty(),
                    "",
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    Optional.empty()));
    assertThat(result.diagnostics()).noneMatch(Diagnostic::isError);
    return result.deployment().orElseThrow();
  }

  private List<ImageSpec> plan(Deployment d, Map<String, String> bases, Diagnostics out) {
    return ImagePlanner.plan(
        d,
        new ImagePlanner.Inputs(
            app,
            Map.of(),
            "registry.example.com/team",
            "linux/amd64",
            bases,
            "1.2.3",
            new ScenarioSource.Revision(Optional.empty(), Optional.empty(), false)),
        out);
  }

  @Test
  void aBinaryOnScratchAndTheAssetsOnTheStaticBaseInSortedOrder() throws IOException {
    Deployment d = scenario();
    Files.writeString(app.resolve("bin/linux-x64/tiny-api"), "#!/bin/sh\n");
    Diagnostics out = new Diagnostics();
    List<ImageSpec> specs =
        plan(d, Map.of("static", "registry.example.com/base/static@sha256:" + "0".repeat(64)), out);
    assertThat(out.all()).isEmpty();
    ImageSpec api = specs.get(0);
    assertThat(api.reference()).isEqualTo("registry.example.com/team/tiny-api:1.2.3");
    assertThat(api.base()).isEqualTo("scratch");
    assertThat(api.entrypoint()).containsExactly("/app/tiny-api");
    assertThat(api.files()).singleElement().satisfies(f -> assertThat(f.executable()).isTrue());
    assertThat(api.ports()).containsExactly(8080);
    assertThat(api.labels()).containsEntry("dev.vrooli.scenario", "tiny");
    ImageSpec ui = specs.get(1);
    assertThat(ui.entrypoint()).isEmpty();
    assertThat(ui.files())
        .extracting(ImageSpec.FileEntry::target)
        .containsExactly("/srv/www/assets/a.js", "/srv/www/assets/b.js", "/srv/www/index.html");
  }

  @Test
  void aMissingBinaryAndAUiWithoutAServerImageAreErrorsAtTheirServices() throws IOException {
    Deployment d = scenario();
    Diagnostics out = new Diagnostics();
    assertThat(plan(d, Map.of(), out)).isEmpty();
    assertThat(out.all()).extracting(Diagnostic::code).containsOnly(Codes.ARTIFACT_MISSING);
    assertThat(out.all())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("'api'") && m.contains("bin/linux-x64/tiny-api"))
        .anyMatch(m -> m.contains("'ui'") && m.contains("static file server"));
  }

  @Test
  void aLinkOutOfTheBuildOutputIsNeverPacked() throws IOException {
    Deployment d = scenario();
    Path secret = Files.writeString(tmp.resolve("host-secret"), "not the scenario's\n");
    Files.createSymbolicLink(app.resolve("bin/linux-x64/tiny-api"), secret);
    Files.createSymbolicLink(app.resolve("ui/dist/assets/c.js"), secret);
    Diagnostics out = new Diagnostics();
    List<ImageSpec> specs =
        plan(d, Map.of("static", "registry.example.com/base/static@sha256:" + "0".repeat(64)), out);
    assertThat(specs).isEmpty();
    assertThat(out.all())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.message()).contains("links out of the build output"));
    // a link inside the output is the scenario's own file
    Files.delete(app.resolve("ui/dist/assets/c.js"));
    Files.createSymbolicLink(
        app.resolve("ui/dist/assets/c.js"), app.resolve("ui/dist/assets/a.js"));
    Files.delete(app.resolve("bin/linux-x64/tiny-api"));
    Files.writeString(app.resolve("bin/linux-x64/tiny-api"), "#!/bin/sh\n");
    Diagnostics again = new Diagnostics();
    assertThat(
            plan(
                d,
                Map.of("static", "registry.example.com/base/static@sha256:" + "0".repeat(64)),
                again))
        .hasSize(2);
    assertThat(again.all()).isEmpty();
  }
}
