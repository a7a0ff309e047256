package s2c.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a scenario's build commands write their output, and which programs they need. */
class BuildOutputsTest {
  @Test
  void anApiBinaryIsTheLastOutputFlagOfItsBuildCommand() {
    assertThat(BuildOutputs.outFlag("go mod download && go build -o picker-wheel-api ."))
        .contains("picker-wheel-api");
    assertThat(BuildOutputs.outFlag("go build -o=bin/api ./cmd/api")).contains("bin/api");
    assertThat(BuildOutputs.outFlag("cc -o a a.c && strip a && cc -o ./b b.c")).contains("./b");
    assertThat(BuildOutputs.outFlag("go build .")).isEmpty();
    // nothing outside the service's directory, nothing a shell would expand
    assertThat(BuildOutputs.outFlag("go build -o ../../etc/x .")).isEmpty();
    assertThat(BuildOutputs.outFlag("go build -o $HOME/x .")).isEmpty();
    assertThat(BuildOutputs.outFlag("go build -o")).isEmpty();
  }

  @Test
  void aUisAssetsAreTheOutputDirectoryOfItsBuildScript() {
    assertThat(BuildOutputs.uiOutput("npm install && npm run build", pkg("vite build")))
        .contains("dist/index.html");
    assertThat(BuildOutputs.uiOutput("npm run build", pkg("vite build --outDir ../public")))
        .as("out of the service's directory")
        .isEmpty();
    assertThat(BuildOutputs.uiOutput("pnpm build", pkg("tsc && vite build --outDir=www")))
        .contains("www/index.html");
    assertThat(BuildOutputs.uiOutput("yarn build", pkg("react-scripts build")))
        .contains("build/index.html");
    assertThat(BuildOutputs.uiOutput("npm run build", Optional.of("not json")))
        .contains("dist/index.html");
    assertThat(BuildOutputs.uiOutput("node build.js --out-dir site", Optional.empty()))
        .contains("site/index.html");
  }

  @Test
  void theProgramsAStepNeedsAreItsCommandWordsThatAreNotOnPath() {
    SetupSteps.Step step =
        new SetupSteps.Step(
            null,
            "api",
            "go mod download && CGO_ENABLED=0 go build -o x . && ./post.sh; upx x | tee log",
            Map.of());
    assertThat(SetupSteps.missingTools(step, tool -> false)).containsExactly("go", "upx", "tee");
    assertThat(SetupSteps.missingTools(step, tool -> !tool.equals("upx"))).containsExactly("upx");
  }

  private static Optional<String> pkg(String build) {
    return Optional.of("{\"scripts\": {\"build\": \"" + build + "\"}}");
  }
}
