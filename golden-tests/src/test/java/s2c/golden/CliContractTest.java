package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command-line contract other tooling relies on: names, exit codes, JSON output, validate. */
class CliContractTest {
  @TempDir Path out;

  @Test
  void helpOnEveryCommand() {
    for (String cmd : new String[] {"compile", "validate", "providers"}) {
      CliRun run = CliRun.of(cmd, "--help");
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("Usage: scenario-to-cloud " + cmd);
    }
    assertThat(CliRun.of("--help").out()).contains("compile", "validate", "providers");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(CliRun.of("compile", "--provider", "do").exit()).isEqualTo(2);
    assertThat(
            CliRun.of("compile", "--bundle", "a.json", "--scenario-dir", "x", "--provider", "do")
                .exit())
        .isEqualTo(2);
    assertThat(CliRun.of("nonsense").exit()).isEqualTo(2);
    assertThat(
            CliRun.of("compile", "--bundle", "a.json", "--provider", "do", "--output", "xml")
                .exit())
        .isEqualTo(2);
    assertThat(
            CliRun.of("compile", "--bundle", "a.json", "--provider", "do", "--checks", "some")
                .exit())
        .isEqualTo(2);
  }

  @Test
  void checksFastSaysWhichProgramsItDidNotRun() {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "do",
            "--checks",
            "fast",
            "-v",
            "--out",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("info[S2C077]: not run (--checks fast): terraform fmt -check");
    CliRun validate =
        CliRun.of(
            "validate",
            out.resolve("picker-wheel/cloud/digitalocean").toString(),
            "--checks",
            "fast",
            "-v");
    assertThat(validate.exit()).as(validate.err()).isZero();
  }

  @Test
  void unknownProviderIsADiagnosticWithSuggestion() {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "digitalocaen",
            "--out",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("error[S2C060]: unknown provider 'digitalocaen'", "did you mean 'digitalocean'?");
  }

  @Test
  void providersListsDigitalOceanWithItsMappings() throws Exception {
    CliRun text = CliRun.of("providers");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("digitalocean (alias do) — terraform", "secret user_prompt");
    JsonNode json =
        JsonMapper.builder().build().readTree(CliRun.of("providers", "--output", "json").out());
    JsonNode digitalocean = null;
    for (JsonNode p : json.path("providers")) {
      if (p.path("id").asString().equals("digitalocean")) {
        digitalocean = p;
      }
    }
    assertThat(digitalocean).isNotNull();
    assertThat(digitalocean.path("mappings").has("resource postgres/mysql/mongodb")).isTrue();
    assertThat(json.path("providers").toString()).contains("\"kubernetes\"", "\"baremetal\"");
  }

  @Test
  void compileJsonOutputListsFilesAndDiagnostics() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "do",
            "--out",
            out.toString(),
            "--output",
            "json");
    assertThat(run.exit()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertThat(report.path("ok").asBoolean()).isTrue();
    assertThat(report.path("scenario").asString()).isEqualTo("picker-wheel");
    assertThat(report.path("files").toString())
        .contains("terraform/main.tf", "s2c-manifest.json", "deploy.sh", "Makefile", "README.md");
    JsonNode first = report.path("diagnostics").get(0);
    assertThat(first.path("code").asString()).startsWith("S2C");
    assertThat(first.path("line").asInt()).isPositive();
    assertThat(first.path("pointer").asString()).startsWith("/");
  }

  @Test
  void recompileRemovesFilesTheRenderNoLongerProduces() throws Exception {
    String[] args = {
      "compile",
      "--scenario-dir",
      TestPaths.fixture("picker-wheel").toString(),
      "--provider",
      "do",
      "--out",
      out.toString()
    };
    assertThat(CliRun.of(args).exit()).isZero();
    Path dir = out.resolve("picker-wheel/cloud/digitalocean");
    Files.writeString(dir.resolve("stale.tf"), "# left over\n");
    assertThat(CliRun.of(args).exit()).isZero();
    assertThat(dir.resolve("stale.tf")).doesNotExist();
    assertThat(Files.isExecutable(dir.resolve("deploy.sh"))).isTrue();
  }

  @Test
  void validateAcceptsARenderAndRejectsAHandBrokenOne() throws Exception {
    assertThat(
            CliRun.of(
                    "compile",
                    "--bundle",
                    TestPaths.fixture("multi-service/bundle.yaml").toString(),
                    "--values",
                    TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                    "--provider",
                    "do",
                    "--out",
                    out.toString())
                .exit())
        .isZero();
    Path dir = out.resolve("ledger/cloud/digitalocean");
    assertThat(CliRun.of("validate", dir.toString()).exit()).isZero();

    // Given a hand edit: a misspelled argument and a SECRET env with a literal value
    Path main = dir.resolve("terraform/main.tf");
    String text = Files.readString(main);
    int app = text.indexOf("resource \"digitalocean_app\" \"app\"");
    Files.writeString(
        main,
        text.substring(0, app)
            + text.substring(app)
                .replaceFirst("instance_count", "instance_cont")
                .replaceFirst("value = random_password.session_key.result", "value = \"hunter2\""));

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .containsPattern(
            "terraform/main\\.tf:\\d+:\\d+: error\\[S2C072\\]: unknown argument 'instance_cont' in resource digitalocean_app\\.app → spec → service")
        .contains("did you mean 'instance_count'?")
        .contains("error[S2C079]: SECRET env 'SESSION_KEY' does not come from a sensitive variable")
        .contains("warning[S2C078]: file differs from what scenario-to-cloud rendered");
  }

  @Test
  void validateRefusesADirectoryWithoutManifest() {
    CliRun run = CliRun.of("validate", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("S2C078", "s2c-manifest.json is missing");
  }
}
