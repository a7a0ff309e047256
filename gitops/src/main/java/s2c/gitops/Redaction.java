package s2c.gitops;

import java.util.regex.Pattern;

/** Keeps credentials out of messages: {@code https://user:token@host} → {@code https://***@host}. */
public final class Redaction {
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private Redaction() {}

  public static String redact(String text) {
    return USERINFO.matcher(text).replaceAll("$1***@");
  }
}
