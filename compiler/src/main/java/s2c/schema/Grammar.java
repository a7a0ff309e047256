package s2c.schema;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammars input strings must fit before any target sees them. Each string field of the shipped
 * input schemas names one with {@code "x-grammar"} (map keys with {@code "x-key-grammar"}); a field
 * that names none is {@link #LINE}. Fields with a strict grammar may reach names, paths, comments
 * and headers of any output unencoded; free text ({@code line}, {@code text}) is only ever written
 * through the encoder of the context it lands in.
 */
public enum Grammar {
  LINE("text on one line", null, "any text without control characters"),
  TEXT("text", null, "any text; no control characters other than newline and tab"),
  ID(
      "name",
      "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$",
      "letters, digits, '-', '_' and '.', starting with a letter or digit"),
  ENV_NAME(
      "environment variable name",
      "^[A-Za-z_][A-Za-z0-9_]{0,127}$",
      "letters, digits and '_', not starting with a digit"),
  VERSION(
      "version",
      "^[A-Za-z0-9][A-Za-z0-9._+:-]{0,127}$",
      "letters, digits, '.', '_', '+', ':' and '-', e.g. 1.2.3"),
  URL(
      "http(s) URL",
      "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/+=&?:@,-]*)?$",
      "http(s)://host[:port][/path?query] without quotes, spaces, '$', '{', '}' or '\\'"),
  GIT_URL(
      "git URL",
      "^(https?://|ssh://|git@|file://)[A-Za-z0-9._~%/:@+-]+$",
      "https://, ssh://, git@ or file:// followed by host and path characters"),
  GIT_REF(
      "git branch or revision",
      "^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$",
      "letters, digits, '.', '_', '-' and '/', no '..'"),
  REL_PATH(
      "relative path",
      "^(\\./)?[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*/?$",
      "path segments of letters, digits, '.', '_' and '-', no '..' and no leading '/'"),
  // desktop bundles name macOS app bundles ("Picker Wheel.app/..."): spaces inside a segment are
  // data
  // every output writes through its encoder (quoted words, !unsafe, INI and unit values)
  ARTIFACT_PATH(
      "artifact path",
      "^(\\./)?[A-Za-z0-9_][A-Za-z0-9._ -]*([/\\\\][A-Za-z0-9._-][A-Za-z0-9._ -]*)*$",
      "a relative path of letters, digits, spaces, '.', '_' and '-' separated by '/' (or '\\'), no '..'"),
  DATA_PATH(
      "data directory",
      "^(\\$\\{data\\}|/)?[A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*/?$",
      "a path of letters, digits, '.', '_' and '-', optionally starting with ${data} or '/', no '..'"),
  URL_PATH(
      "URL path",
      "^/[A-Za-z0-9._~%/+=&?:@,-]*$",
      "starts with '/', then letters, digits and . _ ~ % / + = & ? : @ , -"),
  ROUTE_PATH(
      "route path prefix",
      "^/[A-Za-z0-9/_.-]*$",
      "starts with '/', then letters, digits, '/', '_', '.' and '-', e.g. /api"),
  IMAGE(
      "OCI image reference",
      "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$",
      "registry/repository[:tag][@sha256:<64 hex>], lowercase repository"),
  EMAIL(
      "e-mail address", "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$", "name@example.com"),
  HOST(
      "host name or IP address",
      "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9A-Fa-f:.]+$",
      "a DNS name such as app.example.com, an IPv4 or an IPv6 address"),
  UNIX_USER(
      "user name",
      "^[a-z_][a-z0-9_-]{0,31}$",
      "lowercase letters, digits, '_' and '-', e.g. deploy"),
  CADDY_ADDRESS(
      "Caddy site address",
      "^(https?://)?([A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9])?)?(:[0-9]{1,5})?$",
      "host, :port or scheme://host:port, e.g. app.example.com or :80"),
  DNS_LABEL(
      "DNS-1123 label",
      "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
      "lowercase letters, digits and '-', at most 63 characters"),
  DNS_SUBDOMAIN(
      "DNS-1123 subdomain",
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
      "lowercase letters, digits, '-' and '.', at most 253 characters"),
  TENANT_ID(
      "tenant id",
      "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$",
      "lowercase letters, digits and '-', at most 40, starting and ending with a letter or digit"),
  REGION("region", "^[a-z0-9][a-z0-9-]{0,31}$", "lowercase letters, digits and '-', e.g. nyc3"),
  SIZE_SLUG(
      "size",
      "^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$",
      "letters, digits, '.' and '-': a provider size (apps-s-1vcpu-1gb) or a quantity (10Gi)"),
  SECRET_TARGET(
      "secret target",
      "^[A-Za-z_][A-Za-z0-9_]{0,127}$|^/?[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*$",
      "an environment variable name, or a file path without '..'");

  private final String what;
  private final Pattern pattern;
  private final String hint;

  Grammar(String what, String regex, String hint) {
    this.what = what;
    this.pattern = regex == null ? null : Pattern.compile(regex);
    this.hint = hint;
  }

  public String what() {
    return what;
  }

  public String hint() {
    return hint;
  }

  /** The schema annotation's spelling: {@code ENV_NAME} is {@code "env-name"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Grammar> fromWire(String wire) {
    for (Grammar g : values()) {
      if (g.wire().equals(wire)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** Why {@code value} does not fit, or empty when it does. */
  public Optional<String> problem(String value) {
    int bad = firstForbidden(value, this == TEXT);
    if (bad >= 0) {
      return Optional.of(
          String.format(
              "contains the control or direction character U+%04X", (int) value.charAt(bad)));
    }
    if (pattern == null || value.isEmpty()) {
      return Optional.empty(); // whether a field may be empty is the schema's minLength
    }
    if (value.length() > 253 || !pattern.matcher(value).matches()) {
      return Optional.of("is not a valid " + what);
    }
    if (traversal(value)) {
      return Optional.of("has a '..' segment");
    }
    return Optional.empty();
  }

  /**
   * Names, refs and paths never hold "..": it is path traversal in a file name and a range in git.
   */
  private boolean traversal(String value) {
    return switch (this) {
      case ID, GIT_REF, REL_PATH, ARTIFACT_PATH, DATA_PATH, SECRET_TARGET, URL_PATH, ROUTE_PATH ->
          value.contains("..");
      default -> false;
    };
  }

  /**
   * Index of the first character no single-line field may hold: C0 and C1 controls, DEL, line and
   * paragraph separators, and the bidirectional overrides and isolates (which make a file read
   * differently from how it runs). {@code multiLine} lets newline and tab through.
   */
  public static int firstForbidden(String value, boolean multiLine) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (multiLine && (c == '\n' || c == '\t')) {
        continue;
      }
      if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || c == 0x2028
          || c == 0x2029
          || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069)
          || c == 0x200e
          || c == 0x200f
          || c == 0x061c
          || c == 0xfeff) {
        return i;
      }
    }
    return -1;
  }
}
