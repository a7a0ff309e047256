package s2c.spi;

import tools.jackson.databind.JsonNode;

/**
 * One provider setting a target reads from another tool's deployment manifest: the value it becomes
 * under {@code providers.<target id>} and the manifest pointer it came from, so a diagnostic about
 * the setting points into the manifest the user wrote.
 */
public record ImportedSetting(JsonNode value, String from) {}
