package s2c.gitops;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages: {@code https://user:token@host} → {@code https://***@host}.
 */
public final class Redaction {
  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private Redaction() {}

  /**
   * A query string can carry a token too ({@code ?token=…}, {@code ?access_token=…}): its values
   * go.
   */
  private static final Pattern QUERY_VALUE =
      Pattern.compile("(?i)(://[^\\s?#]*\\?[^\\s#]*?|&)([^=&\\s#]+)=[^&\\s#]*");

  public static String redact(String text) {
    String out = USERINFO.matcher(text).replaceAll("$1***@");
    return QUERY_VALUE.matcher(out).replaceAll("$1$2=***");
  }
}
