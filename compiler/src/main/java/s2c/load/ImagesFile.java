package s2c.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An images file ({@code images.json}, what {@code build} writes): {@code {"<service>":
 * "<registry>/<repository>@sha256:<digest>"}}, read as the values layer {@code
 * services.<service>.image}. Every entry must be pinned by digest, which is the point of the file;
 * diagnostics point into the file itself, not into the layer it becomes.
 */
public final class ImagesFile {
  /**
   * A reference pinned by digest (a tag before the digest is allowed and ignored by registries).
   */
  private static final Pattern PINNED =
      Pattern.compile(
          "^[a-z0-9][a-z0-9._:/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$");

  private ImagesFile() {}

  /** The values layer, and where each of its pointers comes from in the file. */
  public record Layer(ObjectNode values, Locator locator) {}

  public static Optional<Layer> read(SourceDocument file, Diagnostics diagnostics) {
    JsonNode root = file.root();
    if (!root.isObject()) {
      diagnostics.error(
          Codes.IMAGES_FILE_INVALID,
          file.locate(""),
          "an images file is an object of service id → image reference pinned by digest",
          "write it with 'scenario-to-cloud build', or {\"api\": \"ghcr.io/o/api@sha256:…\"}");
      return Optional.empty();
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode services = f.objectNode();
    Map<String, String> origins = new HashMap<>();
    boolean ok = true;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String pointer = Pointers.child("", e.getKey());
      if (!e.getValue().isString() || !PINNED.matcher(e.getValue().asString()).matches()) {
        diagnostics.error(
            Codes.IMAGES_FILE_INVALID,
            file.locate(pointer),
            "the image of '"
                + e.getKey()
                + "' is not a reference pinned by digest (<registry>/<repository>@sha256:<64 hex digits>)",
            "an images file exists to pin images; a tag alone can move");
        ok = false;
        continue;
      }
      services.putObject(e.getKey()).put("image", e.getValue().asString());
      String service = Pointers.child("/services", e.getKey());
      origins.put(service, pointer);
      origins.put(service + "/image", pointer);
    }
    if (!ok) {
      return Optional.empty();
    }
    ObjectNode values = f.objectNode();
    values.set("services", services);
    Locator locator = Locator.converted(file, origins);
    return Optional.of(new Layer(values, locator));
  }
}
