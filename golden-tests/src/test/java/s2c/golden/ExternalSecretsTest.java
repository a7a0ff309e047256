package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * ExternalSecrets use the API version current External Secrets Operators serve (v1; v1beta1 is gone
 * since v0.17.0) and read the stored object's property the deploy scripts read ("value"), or the
 * one the store's values name, or none for stores of plain strings (issue 8, items 1 and 4).
 */
class ExternalSecretsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource(value = {"'',value", "password,password", "'\"\"',"})
  void externalSecretsAreV1AndReadTheConfiguredProperty(String setting, String expected)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compile",
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--provider",
                "kubernetes",
                "--out",
                tmp.toString()));
    if (!setting.isEmpty()) {
      args.addAll(
          List.of(
              "--set",
              "providers.kubernetes.secret_store_property=" + setting.replace("\"\"", "")));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    String manifest =
        new Helm(tmp.resolve("ledger/cloud/kubernetes/chart/ledger"))
            .template()
            .withName("ledger")
            .withKubeVersion("1.30.9")
            .call();
    int externalSecrets = 0;
    try (MappingIterator<JsonNode> docs =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(manifest)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || !doc.path("kind").asString("").equals("ExternalSecret")) {
          continue;
        }
        externalSecrets++;
        assertThat(doc.path("apiVersion").asString()).isEqualTo("external-secrets.io/v1");
        for (JsonNode data : doc.path("spec").path("data")) {
          JsonNode property = data.path("remoteRef").path("property");
          if (expected == null) {
            assertThat(property.isMissingNode())
                .as("no property for a store of plain strings")
                .isTrue();
          } else {
            assertThat(property.asString()).isEqualTo(expected);
          }
        }
      }
    }
    assertThat(externalSecrets).isGreaterThan(1);
  }
}
