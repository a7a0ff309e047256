package s2c.chart;

import java.util.Locale;

/** DNS-1123 labels for values keys and object name suffixes. */
final class K8sNames {
  private K8sNames() {}

  static String of(String id) {
    String name =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "c-" + name;
    }
    return name.length() > 30 ? name.substring(0, 30).replaceAll("-+$", "") : name;
  }

  static String envSuffix(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }
}
