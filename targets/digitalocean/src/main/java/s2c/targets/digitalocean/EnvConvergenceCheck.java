package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.spi.RenderedTree;

/**
 * A second apply of the same inputs must change nothing. App Platform returns a SECRET env value as
 * {@code EV[...]} ciphertext, so an env set holding one differs from the configuration on every
 * plan unless Terraform ignores it; and an ignored set that deploy.sh does not keep current (no
 * {@value TerraformFiles#DIGEST_ENV}) would never receive a rotated secret. Both are errors.
 */
final class EnvConvergenceCheck {
  private static final List<String> COMPONENT_KINDS =
      List.of("service", "worker", "job", "static_site", "function");

  private EnvConvergenceCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      String path = file.getKey();
      if (!path.startsWith("terraform/") || !path.endsWith(".tf")) {
        continue;
      }
      Body body;
      try {
        body = HclParser.parse(DigitalOceanTarget.utf8(file.getValue()));
      } catch (HclSyntaxException e) {
        continue; // reported by the Terraform validator
      }
      for (Block b : body.blocks()) {
        if (b.type().equals("resource")
            && b.labels().size() == 2
            && b.labels().get(0).equals("digitalocean_app")) {
          app(b, root + path, out);
        }
      }
    }
    return out;
  }

  private static void app(Block app, String file, List<Diagnostic> out) {
    Set<String> ignored = ignoredPaths(app.body());
    String address = "digitalocean_app." + app.labels().get(1);
    for (Block spec : app.body().blocks("spec")) {
      envSet(spec.body(), "spec[0].env", "the app-level env", address, ignored, file, out);
      for (String kind : COMPONENT_KINDS) {
        List<Block> components = spec.body().blocks(kind);
        for (int i = 0; i < components.size(); i++) {
          Block c = components.get(i);
          String name =
              c.body().attribute("name").flatMap(a -> a.value().literal()).orElse(kind + " " + i);
          envSet(
              c.body(),
              "spec[0]." + kind + "[" + i + "].env",
              kind + " '" + name + "'",
              address,
              ignored,
              file,
              out);
        }
      }
    }
  }

  private static void envSet(
      Body owner,
      String path,
      String what,
      String address,
      Set<String> ignored,
      String file,
      List<Diagnostic> out) {
    List<Block> env = owner.blocks("env");
    Block secret =
        env.stream()
            .filter(
                e ->
                    e.body()
                        .attribute("type")
                        .flatMap(a -> a.value().literal())
                        .orElse("")
                        .equals("SECRET"))
            .findFirst()
            .orElse(null);
    boolean isIgnored = ignored.contains(path);
    if (secret != null && !isIgnored) {
      out.add(
          Diagnostic.error(
              Codes.TF_PERPETUAL_DIFF,
              new SourceLocation(file, secret.line(), secret.column(), ""),
              "the env of "
                  + what
                  + " holds a SECRET value, which App Platform returns encrypted: every plan of "
                  + address
                  + " shows a change and every apply redeploys the app",
              "ignore "
                  + path
                  + " in the app's lifecycle and keep it current with "
                  + TerraformFiles.DIGEST_ENV
                  + " (deploy.sh)"));
    }
    boolean digested =
        env.stream()
            .anyMatch(
                e ->
                    e.body()
                        .attribute("key")
                        .flatMap(a -> a.value().literal())
                        .orElse("")
                        .equals(TerraformFiles.DIGEST_ENV));
    if (isIgnored && !digested) {
      out.add(
          Diagnostic.error(
              Codes.TF_PERPETUAL_DIFF,
              new SourceLocation(file, 0, 0, ""),
              "Terraform ignores the env of "
                  + what
                  + " in "
                  + address
                  + ", but it carries no "
                  + TerraformFiles.DIGEST_ENV
                  + ": deploy.sh would never write a changed or rotated value",
              "give the component the " + TerraformFiles.DIGEST_ENV + " env of its synced env"));
    }
  }

  private static Set<String> ignoredPaths(Body resource) {
    Set<String> out = new HashSet<>();
    for (Block lifecycle : resource.blocks("lifecycle")) {
      lifecycle
          .body()
          .attribute("ignore_changes")
          .ifPresent(a -> out.addAll(a.value().traversals()));
    }
    return out;
  }
}
