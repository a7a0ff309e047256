package s2c.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/** An environment file is rendered only when Helm's merge would change the values. */
class HelmValuesTest {
  private static final JsonNode BASE =
      YamlOutput.read(
          """
          environment: prod
          ingress: {host: a.example.com, className: nginx}
          services:
            api: {replicas: 2, image: {repository: r, tag: "1"}}
          """);

  private static boolean changes(String override) {
    return HelmValues.changes(BASE, YamlOutput.read(override));
  }

  @Test
  void repeatingTheDefaultsChangesNothing() {
    assertThat(changes("environment: prod\ningress: {host: a.example.com}\n")).isFalse();
    assertThat(changes("services: {api: {replicas: 2, image: {tag: \"1\"}}}\n")).isFalse();
    assertThat(changes("{}\n")).isFalse();
  }

  @Test
  void anyOtherValueANewKeyOrANullChangesThem() {
    assertThat(changes("services: {api: {replicas: 3}}\n")).isTrue();
    assertThat(changes("services: {worker: {replicas: 1}}\n")).isTrue();
    assertThat(changes("ingress: {host: null}\n")).isTrue();
    assertThat(changes("ingress: a-string\n")).isTrue();
    // a null for a key that is not there deletes nothing
    assertThat(changes("extra: null\n")).isFalse();
  }
}
