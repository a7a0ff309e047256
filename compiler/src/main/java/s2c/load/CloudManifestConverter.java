package s2c.load;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the CloudManifest of Vrooli's own scenario-to-cloud scenario (its VPS deployer) as values,
 * so its users can switch without rewriting anything: the manifest says where and how to deploy,
 * the scenario's service.json (from --scenario-dir) says what runs.
 *
 * <ul>
 *   <li>{@code environment} → environment; {@code target.vps{host, port, user}} → providers.baremetal
 *       host/ssh_port/ssh_user;
 *   <li>{@code edge{domain, dns_policy, caddy.email}} → domain and providers.baremetal
 *       dns_policy/caddy_email;
 *   <li>{@code ports{name: number}} → the fixed port of the service of that name;
 *   <li>{@code secrets.bundle_secrets[]} → the secrets plan's bundle secrets.
 * </ul>
 */
public final class CloudManifestConverter {
  private CloudManifestConverter() {}

  /** Values plus, when the manifest carries secrets, a secrets plan; both locate into the manifest. */
  public record Converted(ObjectNode values, Locator locator, Optional<SourceDocument> plan) {}

  public static boolean isCloudManifest(JsonNode root) {
    return root.path("target").isObject() && root.path("target").has("vps") && root.path("scenario").isObject() && root.has("version");
  }

  public static Converted convert(SourceDocument manifest) {
    JsonNode root = manifest.root();
    JsonNodeFactory f = JsonNodeFactory.instance;
    Map<String, String> origins = new HashMap<>();
    ObjectNode values = f.objectNode();
    if (root.path("environment").isString()) {
      values.put("environment", root.path("environment").asString());
      origins.put("/environment", "/environment");
    }
    JsonNode edge = root.path("edge");
    if (!edge.path("domain").asString("").isBlank()) {
      values.put("domain", edge.path("domain").asString());
      origins.put("/domain", "/edge/domain");
    }
    ObjectNode baremetal = values.putObject("providers").putObject("baremetal");
    JsonNode vps = root.path("target").path("vps");
    if (vps.path("host").isString()) {
      baremetal.put("host", vps.path("host").asString());
      origins.put("/providers/baremetal/host", "/target/vps/host");
    }
    if (vps.path("port").isNumber()) {
      baremetal.put("ssh_port", vps.path("port").asInt());
      origins.put("/providers/baremetal/ssh_port", "/target/vps/port");
    }
    if (vps.path("user").isString()) {
      baremetal.put("ssh_user", vps.path("user").asString());
      origins.put("/providers/baremetal/ssh_user", "/target/vps/user");
    }
    String policy = edge.path("dns_policy").asString("");
    if (!policy.isEmpty()) {
      baremetal.put("dns_policy", policy.equals("required") || policy.equals("warn") || policy.equals("skip") ? policy : "warn");
      origins.put("/providers/baremetal/dns_policy", "/edge/dns_policy");
    }
    if (!edge.path("caddy").path("email").asString("").isBlank()) {
      baremetal.put("caddy_email", edge.path("caddy").path("email").asString());
      origins.put("/providers/baremetal/caddy_email", "/edge/caddy/email");
    }
    ObjectNode services = f.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("ports").properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> port = it.next();
      if (port.getValue().isNumber()) {
        services.putObject(port.getKey()).put("port", port.getValue().asInt());
        origins.put("/services/" + port.getKey(), "/ports/" + port.getKey());
      }
    }
    if (!services.isEmpty()) {
      values.set("services", services);
    }
    Map<String, String> snapshot = Map.copyOf(origins);
    Locator locator = pointer -> {
      String probe = pointer;
      while (!probe.isEmpty() && !snapshot.containsKey(probe)) {
        probe = probe.substring(0, probe.lastIndexOf('/'));
      }
      return manifest.locate(snapshot.getOrDefault(probe, "")).withPointer(pointer);
    };
    Optional<SourceDocument> plan = Optional.empty();
    JsonNode bundleSecrets = root.path("secrets").path("bundle_secrets");
    if (bundleSecrets.isArray() && !bundleSecrets.isEmpty()) {
      ObjectNode p = f.objectNode();
      p.put("scenario", root.path("scenario").path("id").asString("unknown"));
      p.put("tier", "cloud-manifest");
      p.putArray("secrets");
      ArrayNode copy = p.putArray("bundle_secrets");
      Map<String, int[]> positions = new HashMap<>();
      for (int i = 0; i < bundleSecrets.size(); i++) {
        ObjectNode s = (ObjectNode) bundleSecrets.get(i).deepCopy();
        // fields the CloudManifest adds that a secrets-manager plan does not have
        for (String extra : new String[] {"descriptor", "descriptor_reason", "capability"}) {
          s.remove(extra);
        }
        copy.add(s);
        var at = manifest.locate("/secrets/bundle_secrets/" + i);
        positions.put("/bundle_secrets/" + i, new int[] {at.line(), at.column()});
      }
      plan = Optional.of(new SourceDocument(manifest.name(), manifest.bytes(), p, positions));
    }
    return new Converted(values, locator, plan);
  }
}
