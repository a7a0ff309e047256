package s2c.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostics;

class ValuesOverlayTest {
  private static SourceDocument doc(String name, String yaml) {
    return DocumentReader.parse(yaml.getBytes(StandardCharsets.UTF_8), name, new Diagnostics())
        .orElseThrow();
  }

  @Test
  void mapsMergeScalarsAndListsReplaceNullDeletes() {
    // Given two layers
    SourceDocument base =
        doc(
            "values.yaml",
            """
        region: nyc3
        services:
          api: {replicas: 1, image: a:1, env: {A: "1", B: "2"}, command: [x, y]}
          web: {replicas: 1}
        """);
    SourceDocument prod =
        doc(
            "values.prod.yaml",
            """
        region: fra1
        services:
          api: {replicas: 3, env: {B: null, C: "3"}, command: [z]}
          web: null
        """);

    // When they are overlaid in order
    ValuesOverlay overlay = new ValuesOverlay().apply(base.root(), base).apply(prod.root(), prod);

    // Then
    assertThat(overlay.tree().toString())
        .isEqualTo(
            "{\"region\":\"fra1\",\"services\":{\"api\":{\"replicas\":3,\"image\":\"a:1\",\"env\":{\"A\":\"1\",\"C\":\"3\"},\"command\":[\"z\"]}}}");
  }

  @Test
  void locatorPointsAtTheLayerThatLastWroteAValue() {
    SourceDocument base = doc("values.yaml", "region: nyc3\nservices:\n  api:\n    replicas: 1\n");
    SourceDocument prod = doc("values.prod.yaml", "services:\n  api:\n    replicas: 3\n");
    Locator at = new ValuesOverlay().apply(base.root(), base).apply(prod.root(), prod).locator();
    assertThat(at.locate("/services/api/replicas").prefix()).isEqualTo("values.prod.yaml:3:5");
    assertThat(at.locate("/region").prefix()).isEqualTo("values.yaml:1:1");
  }

  @Test
  void layersAreNotMutated() {
    SourceDocument base = doc("a.yaml", "services: {api: {replicas: 1}}\n");
    SourceDocument over = doc("b.yaml", "services: {api: {replicas: 2}}\n");
    new ValuesOverlay().apply(base.root(), base).apply(over.root(), over);
    assertThat(base.root().toString()).isEqualTo("{\"services\":{\"api\":{\"replicas\":1}}}");
  }

  @Test
  void setExpressionsReadScalarsLikeYaml() {
    Diagnostics d = new Diagnostics();
    assertThat(SetExpression.parse("services.api.replicas=3", d).orElseThrow().asLayer().toString())
        .isEqualTo("{\"services\":{\"api\":{\"replicas\":3}}}");
    assertThat(SetExpression.parse("a.b=true", d).orElseThrow().value().isBoolean()).isTrue();
    assertThat(SetExpression.parse("a.b=null", d).orElseThrow().value().isNull()).isTrue();
    assertThat(SetExpression.parse("a.b=1.5", d).orElseThrow().value().isNumber()).isTrue();
    assertThat(SetExpression.parse("a.b=01", d).orElseThrow().value().isString()).isTrue();
    assertThat(SetExpression.parse("a.b=x=y", d).orElseThrow().value().asString()).isEqualTo("x=y");
    assertThat(SetExpression.parse("domain\\.name=x", d).orElseThrow().path())
        .containsExactly("domain.name");
    assertThat(d.hasErrors()).isFalse();
  }

  @Test
  void badSetExpressionsAreDiagnosedWithoutEchoingTheValue() {
    Diagnostics d = new Diagnostics();
    assertThat(SetExpression.parse("novalue", d)).isEmpty();
    assertThat(SetExpression.parse("a..b=1", d)).isEmpty();
    assertThat(SetExpression.parse("list[0]=sekret", d)).isEmpty();
    assertThat(d.all()).hasSize(3).allMatch(x -> x.code().equals("S2C040"));
    assertThat(d.all().toString()).doesNotContain("sekret");
  }
}
