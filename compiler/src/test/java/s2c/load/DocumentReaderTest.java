package s2c.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostics;

class DocumentReaderTest {
  @Test
  void jsonPositionsArePerPointer() {
    byte[] json =
        "{\n  \"app\": {\n    \"name\": \"x\"\n  },\n  \"list\": [1, {\"k\": 2}]\n}\n"
            .getBytes(StandardCharsets.UTF_8);
    SourceDocument doc = DocumentReader.parse(json, "b.json", new Diagnostics()).orElseThrow();
    assertThat(doc.locate("/app/name").prefix()).isEqualTo("b.json:3:5");
    assertThat(doc.locate("/list/1/k").prefix()).isEqualTo("b.json:5:16");
    assertThat(doc.locate("/app/missing").prefix()).isEqualTo("b.json:2:3");
  }

  @Test
  void yamlPositionsArePerPointer() {
    byte[] yaml =
        "app:\n  name: x\nservices:\n  - id: api\n    type: worker\n"
            .getBytes(StandardCharsets.UTF_8);
    SourceDocument doc = DocumentReader.parse(yaml, "b.yaml", new Diagnostics()).orElseThrow();
    assertThat(doc.locate("/services/0/type").prefix()).isEqualTo("b.yaml:5:5");
    assertThat(doc.root().path("services").get(0).path("id").asString()).isEqualTo("api");
  }

  @Test
  void documentMustBeAnObject() {
    Diagnostics d = new Diagnostics();
    assertThat(DocumentReader.parse("[1, 2]".getBytes(StandardCharsets.UTF_8), "b.json", d))
        .isEmpty();
    assertThat(d.all().get(0).code()).isEqualTo("S2C006");
  }

  @Test
  void emptyAndTrailingContentAreSyntaxErrors() {
    Diagnostics d = new Diagnostics();
    assertThat(DocumentReader.parse(new byte[0], "b.json", d)).isEmpty();
    assertThat(DocumentReader.parse("{} {}".getBytes(StandardCharsets.UTF_8), "c.json", d))
        .isEmpty();
    assertThat(d.all()).extracting(x -> x.code()).containsExactly("S2C003", "S2C003");
  }

  @Test
  void yamlTypesFollowYaml() {
    SourceDocument doc =
        DocumentReader.parse(
                "a: 1\nb: true\nc: '1'\nd: null\n".getBytes(StandardCharsets.UTF_8),
                "v.yaml",
                new Diagnostics())
            .orElseThrow();
    assertThat(doc.root().path("a").isNumber()).isTrue();
    assertThat(doc.root().path("b").isBoolean()).isTrue();
    assertThat(doc.root().path("c").isString()).isTrue();
    assertThat(doc.root().path("d").isNull()).isTrue();
  }
}
