package s2c.load;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import s2c.spi.ImportedSetting;
import s2c.spi.Target;
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
 *   <li>{@code environment} → environment; {@code edge.domain} → domain;
 *   <li>whatever a target reads from the manifest ({@link Target#cloudManifestSettings}) → that
 *       target's provider settings;
 *   <li>{@code ports{name: number}} → the fixed port of the service of that name;
 *   <li>{@code secrets.bundle_secrets[]} → the secrets plan's bundle secrets.
 * </ul>
 */
public final class CloudManifestConverter {
  private CloudManifestConverter() {}

  /**
   * Values plus, when the manifest carries secrets, a secrets plan; both locate into the manifest.
   */
  public record Converted(ObjectNode values, Locator locator, Optional<SourceDocument> plan) {}

  public static boolean isCloudManifest(JsonNode root) {
    return root.path("target").isObject()
        && root.path("target").has("vps")
        && root.path("scenario").isObject()
        && root.has("version");
  }

  public static Converted convert(SourceDocument manifest, List<Target> targets) {
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
    ObjectNode providers = f.objectNode();
    for (Target target : targets) {
      SortedMap<String, ImportedSetting> settings = target.cloudManifestSettings(root);
      if (!settings.isEmpty()) {
        ObjectNode provider = providers.putObject(target.id());
        settings.forEach(
            (name, setting) -> {
              provider.set(name, setting.value());
              origins.put("/providers/" + target.id() + "/" + name, setting.from());
            });
      }
    }
    if (!providers.isEmpty()) {
      values.set("providers", providers);
    }
    ObjectNode services = f.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("ports").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> port = it.next();
      if (port.getValue().isNumber()) {
        services.putObject(port.getKey()).put("port", port.getValue().asInt());
        origins.put("/services/" + port.getKey(), "/ports/" + port.getKey());
      }
    }
    if (!services.isEmpty()) {
      values.set("services", services);
    }
    Locator locator = Locator.converted(manifest, origins);
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
