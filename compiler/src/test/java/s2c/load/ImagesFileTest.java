package s2c.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;

/** images.json read as services.<id>.image, located in the file, refused unless pinned. */
class ImagesFileTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static SourceDocument doc(String json) {
    return DocumentReader.parse(
            json.getBytes(StandardCharsets.UTF_8), "images.json", new Diagnostics())
        .orElseThrow();
  }

  @Test
  void everyEntryBecomesTheServicesImageAndPointsBackIntoTheFile() {
    Diagnostics d = new Diagnostics();
    ImagesFile.Layer layer =
        ImagesFile.read(
                doc(
                    "{\n  \"api\": \"registry.example.com/o/api@"
                        + DIGEST
                        + "\",\n  \"ui\": \"registry.example.com/o/ui:1.0@"
                        + DIGEST
                        + "\"\n}\n"),
                d)
            .orElseThrow();
    assertThat(d.all()).isEmpty();
    assertThat(layer.values().path("services").path("ui").path("image").asString())
        .isEqualTo("registry.example.com/o/ui:1.0@" + DIGEST);
    var at = layer.locator().locate("/services/ui/image");
    assertThat(at.file()).isEqualTo("images.json");
    assertThat(at.line()).isEqualTo(3);
    assertThat(at.pointer()).isEqualTo("/services/ui/image");
  }

  @Test
  void aTagWithoutADigestIsRefusedAtItsEntry() {
    Diagnostics d = new Diagnostics();
    assertThat(
            ImagesFile.read(
                doc(
                    "{\n  \"api\": \"registry.example.com/o/api@"
                        + DIGEST
                        + "\",\n  \"ui\": \"registry.example.com/o/ui:1.0\"\n}\n"),
                d))
        .isEmpty();
    assertThat(d.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(Codes.IMAGES_FILE_INVALID);
              assertThat(e.at().line()).isEqualTo(3);
              assertThat(e.message()).contains("'ui'");
            });
  }

  @Test
  void aValueThatIsNotAStringIsRefused() {
    Diagnostics d = new Diagnostics();
    assertThat(ImagesFile.read(doc("{\"api\": 3, \"ui\": {\"image\": \"x\"}}"), d)).isEmpty();
    assertThat(d.all()).extracting(Diagnostic::code).containsOnly(Codes.IMAGES_FILE_INVALID);
    assertThat(d.all()).hasSize(2);
  }
}
