package s2c.targets.baremetal;

import java.util.SortedMap;
import java.util.TreeMap;
import s2c.spi.ImportedSetting;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a CloudManifest (Vrooli's VPS deployer) says about the host: {@code target.vps{host, port,
 * user}} → host/ssh_port/ssh_user, {@code edge.dns_policy} → dns_policy, {@code edge.caddy.email} →
 * caddy_email.
 */
final class CloudManifestSettings {
  private CloudManifestSettings() {}

  static SortedMap<String, ImportedSetting> read(JsonNode manifest) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    TreeMap<String, ImportedSetting> out = new TreeMap<>();
    JsonNode vps = manifest.path("target").path("vps");
    if (vps.path("host").isString()) {
      out.put("host", new ImportedSetting(vps.path("host"), "/target/vps/host"));
    }
    if (vps.path("port").isNumber()) {
      out.put(
          "ssh_port",
          new ImportedSetting(f.numberNode(vps.path("port").asInt()), "/target/vps/port"));
    }
    if (vps.path("user").isString()) {
      out.put("ssh_user", new ImportedSetting(vps.path("user"), "/target/vps/user"));
    }
    JsonNode edge = manifest.path("edge");
    String policy = edge.path("dns_policy").asString("");
    if (!policy.isEmpty()) {
      // the deployer's other policies mean "check, do not stop": warn
      String known =
          policy.equals("required") || policy.equals("warn") || policy.equals("skip")
              ? policy
              : "warn";
      out.put("dns_policy", new ImportedSetting(f.stringNode(known), "/edge/dns_policy"));
    }
    if (!edge.path("caddy").path("email").asString("").isBlank()) {
      out.put(
          "caddy_email",
          new ImportedSetting(edge.path("caddy").path("email"), "/edge/caddy/email"));
    }
    return out;
  }
}
