package s2c.targets.digitalocean;

import java.util.Locale;

/** App Platform component names: lowercase letters, digits and '-', 2 to 32 characters. */
final class ComponentNames {
  private ComponentNames() {}

  static String of(String id) {
    String name =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "c-" + name;
    }
    if (name.length() > 32) {
      String hash = Integer.toHexString(id.hashCode() & 0xfffff);
      name = name.substring(0, 31 - hash.length()).replaceAll("-+$", "") + "-" + hash;
    }
    return name;
  }

  /** Terraform resource names and variables: letters, digits and '_'. */
  static String tfName(String id) {
    return s2c.terraform.TerraformNames.of(id);
  }
}
