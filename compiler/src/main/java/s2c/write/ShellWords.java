package s2c.write;

import java.util.List;

/**
 * POSIX shell quoting for rendered scripts and commands: plain words stay as they are, others are
 * single-quoted.
 */
public final class ShellWords {
  private ShellWords() {}

  public static String quote(String word) {
    return word.matches("[A-Za-z0-9_./:=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> words) {
    return String.join(" ", words.stream().map(ShellWords::quote).toList());
  }
}
