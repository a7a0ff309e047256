package s2c.terraform;

import java.util.Locale;

/** Terraform resource names and variables made from input ids: letters, digits and '_'. */
public final class TerraformNames {
  private TerraformNames() {}

  /**
   * {@code my-db.1} → {@code my_db_1}; a name that would not start with a letter gets {@code r_}.
   */
  public static String of(String id) {
    String name =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
    return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "r_" + name : name;
  }
}
