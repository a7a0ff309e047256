package s2c.load;

import s2c.diag.SourceLocation;

/** Maps a JSON pointer of a (possibly merged) document back to the file position it came from. */
@FunctionalInterface
public interface Locator {
  SourceLocation locate(String pointer);

  /**
   * For a document converted from another format: {@code origins} maps pointers of the converted
   * document to pointers of {@code source}; a pointer without an entry is placed where its nearest
   * ancestor with one came from, and keeps its own pointer for the message.
   */
  static Locator converted(SourceDocument source, java.util.Map<String, String> origins) {
    java.util.Map<String, String> snapshot = java.util.Map.copyOf(origins);
    return pointer -> {
      String probe = pointer;
      while (!probe.isEmpty() && !snapshot.containsKey(probe)) {
        probe = probe.substring(0, probe.lastIndexOf('/'));
      }
      return source.locate(snapshot.getOrDefault(probe, "")).withPointer(pointer);
    };
  }
}
