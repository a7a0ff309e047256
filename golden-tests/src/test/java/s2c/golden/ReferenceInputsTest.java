package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2c.schema.SchemaValidator;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vrooli's own files, as they are in ../shared/vrooli-reference: each compiles, or fails with the
 * precise diagnostic asserted here. Skipped (reported as such) where ../shared is absent.
 */
class ReferenceInputsTest {
  @TempDir Path out;
  private Path ref;

  @BeforeEach
  void needsShared() {
    Optional<Path> shared = TestPaths.shared();
    assumeTrue(
        shared.isPresent(),
        "../shared/vrooli-reference is not present: reference inputs not checked");
    ref = shared.get().resolve("vrooli-reference");
  }

  static Stream<Arguments> serviceJsons() {
    return Stream.of(
        Arguments.of("picker-wheel", 0, null),
        Arguments.of("deployment-manager", 0, null),
        Arguments.of("scenario-to-cloud", 0, null),
        Arguments.of(
            "secrets-manager",
            1,
            "error[S2C053]: required resource 'vault' cannot run on App Platform"));
  }

  @ParameterizedTest(name = "{0}/.vrooli/service.json")
  @MethodSource("serviceJsons")
  void everyScenarioDirectory(String scenario, int exit, String expected) {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            ref.resolve("scenarios/" + scenario).toString(),
            "--provider",
            "digitalocean",
            "--out",
            out.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(exit);
    if (expected != null) {
      assertThat(run.err()).contains(expected);
    } else {
      assertThat(out.resolve(scenario + "/cloud/digitalocean/terraform/main.tf")).exists();
    }
  }

  static Stream<Arguments> serviceJsonsOnAws() {
    return Stream.of(
        Arguments.of("picker-wheel", 0, null),
        Arguments.of("deployment-manager", 0, null),
        Arguments.of("scenario-to-cloud", 0, null),
        Arguments.of(
            "secrets-manager",
            1,
            "error[S2C053]: required resource 'vault' cannot run on AWS: the deployment reads its secrets from Secrets Manager instead"));
  }

  /** On AWS every reference scenario needs its images; given them, each compiles or is refused. */
  @ParameterizedTest(name = "{0}/.vrooli/service.json on aws")
  @MethodSource("serviceJsonsOnAws")
  void everyScenarioDirectoryOnAws(String scenario, int exit, String expected) {
    Path dir = ref.resolve("scenarios/" + scenario);
    CliRun without =
        CliRun.of(
            "compile",
            "--scenario-dir",
            dir.toString(),
            "--provider",
            "aws",
            "--out",
            out.toString());
    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.err())
        .contains(
            "error[S2C050]: service 'api' has no container image; ECS runs images",
            "error[S2C050]: service 'ui' has no container image; ECS runs images",
            "hint: set services.api.image in values");
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            dir.toString(),
            "--set",
            "services.api.image=123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                + scenario
                + "-api:1.0.0",
            "--set",
            "services.ui.image=123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                + scenario
                + "-ui:1.0.0",
            "--provider",
            "aws",
            "--out",
            out.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(exit);
    if (expected != null) {
      assertThat(run.err()).contains(expected);
    } else {
      assertThat(out.resolve(scenario + "/cloud/aws/terraform/ecs.tf")).exists();
      assertThat(run.err()).doesNotContain("error[");
    }
  }

  @Test
  void desktopHappyCompilesWithTheFixtureImages() {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            ref.resolve("scenarios/deployment-manager/docs/examples/manifests/desktop-happy.json")
                .toString(),
            "--values",
            TestPaths.fixture("picker-wheel-desktop/values.cloud.yaml").toString(),
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(out.resolve("picker-wheel/cloud/digitalocean/terraform/main.tf")).exists();
  }

  @Test
  void desktopHappyWithoutImagesNamesEveryServiceThatNeedsOne() {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            ref.resolve("scenarios/deployment-manager/docs/examples/manifests/desktop-happy.json")
                .toString(),
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "desktop-happy.json:56:5: error[S2C050]: service 'ui-server' cannot be deployed to App Platform",
            "error[S2C050]: service 'api' cannot be deployed",
            "error[S2C050]: service 'sqlite' cannot be deployed",
            "hint: set services.api.image in values");
  }

  @Test
  void helloDesktopWithoutImages() {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            ref.resolve("scenarios/hello-desktop/bundle.json").toString(),
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "error[S2C050]: service 'hello-desktop-api' cannot be deployed",
            "error[S2C050]: service 'ui' cannot be deployed");
  }

  @Test
  void helloDesktopWithImages() {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            ref.resolve("scenarios/hello-desktop/bundle.json").toString(),
            "--set",
            "services.hello-desktop-api.image=ghcr.io/vrooli/hello-desktop-api:0.1.0",
            "--set",
            "services.ui.image=ghcr.io/vrooli/hello-desktop-ui:0.1.0",
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(out.resolve("hello-desktop/cloud/digitalocean/terraform/main.tf")).exists();
  }

  @Test
  void runtimeFixtureBundleIsRefusedForItsVersion() {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            ref.resolve("scenarios/scenario-to-desktop/runtime/testdata/fixture-bundle/bundle.json")
                .toString(),
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("bundle.json:2:3: error[S2C014]: unsupported schema_version \"0.1\"");
  }

  /** Our bundle schema accepts every bundle that deployment-manager's own schema accepts. */
  @Test
  void ourSchemaAcceptsWhatVrooliSchemaAccepts() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode vrooliSchemaNode =
        json.readTree(
            Files.readString(
                ref.resolve(
                    "scenarios/deployment-manager/docs/schemas/bundle-schema.desktop.v0.1.json")));
    Schema vrooli =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("urn:vrooli:bundle-desktop"), vrooliSchemaNode);
    JsonNode ours = SchemaValidator.loadResource("s2c/schemas/bundle.v0.1.schema.json");
    Schema oursSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("urn:s2c:bundle"), ours);
    int checked = 0;
    for (String bundle :
        new String[] {
          "scenarios/deployment-manager/docs/examples/manifests/desktop-happy.json",
          "scenarios/hello-desktop/bundle.json",
          "scenarios/scenario-to-desktop/runtime/testdata/fixture-bundle/bundle.json"
        }) {
      JsonNode doc = json.readTree(Files.readString(ref.resolve(bundle)));
      if (vrooli.validate(doc).isEmpty()) {
        assertThat(oursSchema.validate(doc)).as(bundle).isEmpty();
        checked++;
      } else {
        assertThat(oursSchema.validate(doc)).as("%s is rejected by both", bundle).isNotEmpty();
      }
    }
    assertThat(checked).isEqualTo(2);
  }
}
