package s2c.load;

import s2c.diag.SourceLocation;

/** Maps a JSON pointer of a (possibly merged) document back to the file position it came from. */
@FunctionalInterface
public interface Locator {
  SourceLocation locate(String pointer);
}
