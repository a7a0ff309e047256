package s2c.targets.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Names AWS accepts: Terraform addresses, and resource names with their length limits. */
final class AwsNames {
  private AwsNames() {}

  /** Terraform resource names and variables: letters, digits and '_'. */
  static String tf(String id) {
    return s2c.terraform.TerraformNames.of(id);
  }

  /**
   * A name of lowercase letters, digits and '-' of at most {@code max} characters (load balancers
   * and target groups: 32, ElastiCache: 40): a longer one keeps its start and ends in a digest of
   * the whole, so it stays unique and the same on every render.
   */
  static String dashed(String id, int max) {
    String name =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "s2c-" + name;
    }
    if (name.length() <= max) {
      return name;
    }
    String digest = sha256(id).substring(0, 7);
    return name.substring(0, max - digest.length() - 1).replaceAll("-+$", "") + "-" + digest;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
