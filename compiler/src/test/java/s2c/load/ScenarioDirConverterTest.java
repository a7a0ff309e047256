package s2c.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import tools.jackson.databind.JsonNode;

/**
 * service.json steps: guarded ones are understood, and every step that is not used is named (issue
 * 8, item 12).
 */
class ScenarioDirConverterTest {
  @TempDir Path tmp;

  @Test
  void guardedBuildStepsAreUsedAndEveryUnusedStepIsNamed() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("service.json"),
            """
        { "service": { "name": "demo", "version": "1.0.0" },
          "ports": { "api": { "env_var": "API_PORT", "range": "15000-15010" }, "ui": { "env_var": "UI_PORT", "range": "35000-35010" } },
          "lifecycle": {
            "setup": { "steps": [
              { "name": "build-api", "run": "cd api && go build -o demo-api ." },
              { "name": "install-cli", "run": "cd cli && ./install.sh" },
              { "name": "build-ui", "run": "if [ -f ui/package.json ]; then cd ui && npm run build; else echo 'no ui'; fi" } ] },
            "develop": { "steps": [
              { "name": "start-api", "run": "cd api && ./demo-api", "background": true },
              { "name": "start-ui", "run": "cd ui && node server.js", "background": true },
              { "name": "show-urls", "run": "echo ready" } ] } } }
        """);
    Diagnostics diagnostics = new Diagnostics();
    SourceDocument doc = DocumentReader.read(file, "service.json", diagnostics).orElseThrow();
    JsonNode bundle = ScenarioDirConverter.convert(doc, diagnostics).orElseThrow().bundle();
    JsonNode ui = bundle.path("services").get(1);
    assertThat(ui.path("build").path("command").asString()).isEqualTo("npm run build");
    assertThat(bundle.path("services").get(0).path("metadata").path("develop_command").toString())
        .isEqualTo("[\"./demo-api\"]");
    assertThat(diagnostics.all())
        .extracting(Diagnostic::message)
        .anyMatch(
            m -> m.startsWith("setup step 'install-cli' is not part of the cloud build or run"))
        .anyMatch(
            m -> m.startsWith("develop step 'show-urls' is not part of the cloud build or run"))
        .noneMatch(
            m -> m.contains("'build-ui'") || m.contains("'build-api'") || m.contains("'start-"));
  }
}
