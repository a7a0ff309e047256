package s2c.targets.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.spi.RenderedTree;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * The EKS flavour's promise, checked on the output: every secret store key the chart's
 * ExternalSecrets read is a Secrets Manager secret the module creates and writes, and the role
 * External Secrets Operator reads as may read it. Otherwise the pods wait for a Secret that never
 * appears, which no schema check sees.
 */
final class EksSecretsCheck {
  private EksSecretsCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, String> readKeys = chartKeys(tree);
    if (readKeys.isEmpty()) {
      return out;
    }
    Map<String, String> created = new LinkedHashMap<>(); // secret name → resource name
    Set<String> written = new HashSet<>();
    String readerPolicy = "";
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      String path = file.getKey();
      if (!path.startsWith("terraform/") || !path.endsWith(".tf")) {
        continue;
      }
      String text = new String(file.getValue(), StandardCharsets.UTF_8);
      Body body;
      try {
        body = HclParser.parse(text);
      } catch (HclSyntaxException e) {
        continue; // the Terraform validator reports it
      }
      for (Block b : body.blocks("resource")) {
        if (b.labels().size() != 2) {
          continue;
        }
        String type = b.labels().get(0);
        String name = b.labels().get(1);
        if (type.equals("aws_secretsmanager_secret")) {
          b.body()
              .attribute("name")
              .flatMap(a -> a.value().literal())
              .ifPresent(n -> created.put(n, name));
        } else if (type.equals("aws_secretsmanager_secret_version")) {
          written.add(name);
        } else if (type.equals("aws_iam_role_policy") && name.equals("secrets_reader")) {
          readerPolicy = text;
        }
      }
    }
    String values = readKeys.get("");
    for (Map.Entry<String, String> read : readKeys.entrySet()) {
      String key = read.getKey();
      if (key.isEmpty()) {
        continue;
      }
      String secret = created.get(key);
      String problem =
          secret == null
              ? "no aws_secretsmanager_secret is named " + key
              : !written.contains(secret)
                  ? "aws_secretsmanager_secret." + secret + " has no secret version"
                  : !readerPolicy.contains("aws_secretsmanager_secret." + secret + ".arn")
                      ? "the secrets_reader role may not read aws_secretsmanager_secret." + secret
                      : null;
      if (problem != null) {
        out.add(
            Diagnostic.error(
                Codes.SECRET_UNPROVIDED,
                SourceLocation.file(root + values),
                read.getValue() + " reads the secret store key " + key + ", but " + problem,
                "the module must create, write and grant every key the chart reads"));
      }
    }
    return out;
  }

  /**
   * The keys the chart's values make External Secrets read, each with what reads it; the key ""
   * holds the values file's path.
   */
  private static Map<String, String> chartKeys(RenderedTree tree) {
    Map<String, String> keys = new TreeMap<>();
    for (String path : tree.files().keySet()) {
      if (!path.startsWith("chart/") || !path.endsWith("/values.yaml")) {
        continue;
      }
      JsonNode v = YamlOutput.read(tree.text(path));
      String prefix = v.path("secretStore").path("keyPrefix").asString("");
      keys.put("", path);
      v.path("externalSecrets")
          .properties()
          .forEach(
              e ->
                  keys.put(
                      prefix + "/" + e.getValue().path("remoteKey").asString(""),
                      "ExternalSecret " + e.getKey()));
      v.path("backingResources")
          .properties()
          .forEach(
              e -> {
                JsonNode r = e.getValue();
                if (r.path("enabled").asBoolean(false)
                    && r.path("mode").asString("").equals("external")) {
                  keys.put(
                      prefix + "/" + r.path("externalRemoteKey").asString(""),
                      "the endpoint of " + e.getKey());
                }
              });
    }
    return keys;
  }
}
