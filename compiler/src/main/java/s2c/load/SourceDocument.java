package s2c.load;

import java.util.Map;
import s2c.diag.SourceLocation;
import tools.jackson.databind.JsonNode;

/**
 * A parsed input file: its tree plus where every value came from, so diagnostics can point at a
 * line and column for any JSON pointer.
 */
public record SourceDocument(String name, byte[] bytes, JsonNode root, Map<String, int[]> positions)
    implements Locator {

  public SourceDocument {
    positions = Map.copyOf(positions);
  }

  /** The location of {@code pointer}, or of its nearest ancestor that has one. */
  @Override
  public SourceLocation locate(String pointer) {
    String probe = pointer;
    while (true) {
      int[] at = positions.get(probe);
      if (at != null) {
        return new SourceLocation(name, at[0], at[1], pointer);
      }
      if (probe.isEmpty()) {
        return new SourceLocation(name, 0, 0, pointer);
      }
      probe = probe.substring(0, probe.lastIndexOf('/'));
    }
  }
}
