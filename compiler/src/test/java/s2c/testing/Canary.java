package s2c.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import s2c.spi.RenderedTree;

/** Recognisable fake secret values and a search for them in anything the tool produced. */
public final class Canary {
  public static final String VALUE = "CANARY-s2c-7f3a9e1b-DO-NOT-LEAK";

  private Canary() {}

  public static String numbered(int n) {
    return VALUE + "-" + n;
  }

  public static List<String> leaks(RenderedTree tree) {
    List<String> leaks = new ArrayList<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (new String(bytes, StandardCharsets.UTF_8).contains("CANARY-s2c-")) {
                leaks.add(path);
              }
            });
    return leaks;
  }
}
