package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2c.testing.TestPaths;

/** Every file in fixtures/bad: exit 1, the exact diagnostic code and position, nothing written. */
class BadInputsTest {
  @TempDir Path out;

  static Stream<Arguments> badBundles() {
    return Stream.of(
        Arguments.of("malformed.json", "malformed.json:4:3: error[S2C003]: cannot parse JSON"),
        Arguments.of("malformed.yaml", "malformed.yaml:5:11: error[S2C003]: cannot parse YAML"),
        Arguments.of(
            "wrong-type.json",
            "wrong-type.json:4:70: error[S2C010]: string found, integer expected (at /services/0/replicas)"),
        Arguments.of(
            "unknown-field.json",
            "unknown-field.json:4:42: error[S2C011]: unknown field 'imgae' (at /services/0/imgae)\n  hint: did you mean 'image'?"),
        Arguments.of(
            "duplicate-service.json",
            "duplicate-service.json:5:7: error[S2C020]: duplicate service id 'api' (at /services/1/id)"),
        Arguments.of(
            "dependency-cycle.json",
            "dependency-cycle.json:4:70: error[S2C023]: services depend on each other in a cycle: api -> worker -> api"),
        Arguments.of(
            "id-traversal.json",
            "id-traversal.json:4:7: error[S2C021]: id '../etc' is not a valid name (at /services/0/id)"),
        Arguments.of(
            "id-quote.json", "id-quote.json:4:7: error[S2C021]: id 'api\"x' is not a valid name"),
        Arguments.of(
            "id-template.json",
            "id-template.json:4:7: error[S2C021]: id '${api}' is not a valid name"),
        Arguments.of(
            "id-mustache.json",
            "id-mustache.json:4:7: error[S2C021]: id '{{api}}' is not a valid name"),
        Arguments.of(
            "id-newline.json",
            "id-newline.json:4:7: error[S2C021]: id 'api\\nx' contains the control or direction character U+000A"),
        Arguments.of(
            "duplicate-key.json",
            "duplicate-key.json:3:3: error[S2C004]: duplicate key 'app' (at /app)"),
        Arguments.of(
            "billion-laughs.yaml",
            "billion-laughs.yaml:3:8: error[S2C005]: YAML aliases (*name) are not accepted in inputs"),
        Arguments.of(
            "infrastructure-secret.json",
            "infrastructure-secret.json:3:16: error[S2C030]: secret 'root_token' is infrastructure-class and never leaves the mothership, but service(s) api need it"),
        Arguments.of(
            "no-image.json",
            "no-image.json:4:5: error[S2C050]: service 'api' cannot be deployed to App Platform"),
        Arguments.of(
            "unsupported-version.json",
            "unsupported-version.json:1:3: error[S2C014]: unsupported schema_version \"0.1\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBundles")
  void compile_whenBundleIsBad_thenExit1WithPreciseDiagnosticAndNothingWritten(
      String file, String expected) throws IOException {
    // Given a bad bundle
    Path bundle = TestPaths.fixture("bad/" + file);

    // When it is compiled
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "digitalocean",
            "--out",
            out.toString());

    // Then
    assertThat(run.exit()).isEqualTo(1);
    assertThat(TestPaths.relativize(run.err())).contains("fixtures/bad/" + expected);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(listing(out)).isEmpty();
  }

  @Test
  void compile_whenProdHasNoRemoteState_thenS2C054() throws IOException {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--values",
            TestPaths.fixture("bad/prod-values.yaml").toString(),
            "--provider",
            "do",
            "--out",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("error[S2C054]: environment 'prod' needs a remote Terraform state backend");
    assertThat(listing(out)).isEmpty();
  }

  @Test
  void compile_whenInputIs50Megabytes_thenRefusedBeforeParsing(@TempDir Path tmp)
      throws IOException {
    // Given a 50 MB file (generated here rather than committed)
    Path huge = tmp.resolve("huge.json");
    byte[] chunk =
        "{\"pad\": \"".concat("x".repeat((1 << 20) - 16)).getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = Files.newOutputStream(huge)) {
      for (int i = 0; i < 50; i++) {
        o.write(chunk);
      }
    }
    assertThat(Files.size(huge)).isGreaterThanOrEqualTo(50L * 1000 * 1000);

    CliRun run =
        CliRun.of(
            "compile", "--bundle", huge.toString(), "--provider", "do", "--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "huge.json: error[S2C002]: input file is "
                + Files.size(huge)
                + " bytes; the limit is 4194304 bytes");
    assertThat(listing(out)).isEmpty();
  }

  @Test
  void compile_whenSeveralProblems_thenAllAreReported(@TempDir Path tmp) throws IOException {
    Path bundle = tmp.resolve("many.json");
    Files.writeString(
        bundle,
        """
        {"schema_version": "v0.1", "target": "cloud", "app": {"name": "x", "version": "1"}, "colour": 1,
         "services": [{"id": "api", "type": "api-binary", "replicas": 0, "health": {"type": "http"}, "ports": {"requested": []}, "expoze": {}}]}
        """);
    CliRun run =
        CliRun.of(
            "compile", "--bundle", bundle.toString(), "--provider", "do", "--out", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "unknown field 'colour'",
            "unknown field 'expoze'",
            "did you mean 'expose'?",
            "/services/0/replicas");
  }

  static String listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return String.join(",", files.filter(p -> !p.equals(dir)).map(Path::toString).toList());
    }
  }
}
