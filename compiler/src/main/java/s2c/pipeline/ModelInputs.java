package s2c.pipeline;

import java.util.Optional;
import s2c.load.Locator;
import s2c.load.SourceDocument;
import tools.jackson.databind.JsonNode;

/** Everything the model builder reads, already parsed and schema-checked. */
public record ModelInputs(
    JsonNode bundle,
    Locator bundleLocator,
    JsonNode values,
    Locator valuesLocator,
    Optional<SourceDocument> secretsPlan,
    Optional<String> environmentFlag,
    String inputDigest,
    String inputName) {}
