package s2c.load;

/** RFC 6901 JSON pointer helpers. */
public final class Pointers {
  private Pointers() {}

  public static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  public static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /** One reference token back to the key it names. */
  public static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
