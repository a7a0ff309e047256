package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Attribute;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.hcl.ParsedHcl.Expr;

/**
 * Secrets by reference only, checked on the output: every sensitive variable has no default, and
 * every {@code env} of type SECRET takes its value from a sensitive variable, a {@code
 * random_password}, or an App Platform binding such as {@code ${db.DATABASE_URL}} — never from a
 * literal.
 */
final class SecretWiringCheck {
  private SecretWiringCheck() {}

  static List<Diagnostic> check(s2c.spi.RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Boolean> sensitive = new HashMap<>();
    Map<String, Body> bodies = new HashMap<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith("terraform/") && path.endsWith(".tf")) {
                try {
                  bodies.put(path, HclParser.parse(DigitalOceanTarget.utf8(bytes)));
                } catch (HclSyntaxException e) {
                  // reported by the Terraform validator
                }
              }
            });
    bodies.forEach(
        (path, body) -> {
          for (Block b : body.blocks()) {
            if (b.type().equals("variable") && b.labels().size() == 1) {
              boolean isSensitive =
                  b.body().attributes().stream()
                      .anyMatch(
                          a ->
                              a.name().equals("sensitive")
                                  && a.value().literal().orElse("").equals("true"));
              sensitive.put(b.labels().get(0), isSensitive);
              if (isSensitive
                  && b.body().attributes().stream().anyMatch(a -> a.name().equals("default"))) {
                out.add(
                    Diagnostic.error(
                        Codes.SECRET_VARIABLE_UNSAFE,
                        new SourceLocation(root + path, b.line(), b.column(), ""),
                        "sensitive variable '" + b.labels().get(0) + "' has a default value",
                        "secrets have no defaults: the CI supplies them"));
              }
            }
          }
        });
    bodies.forEach((path, body) -> walk(body, path, root, sensitive, out));
    return out;
  }

  private static void walk(
      Body body, String path, String root, Map<String, Boolean> sensitive, List<Diagnostic> out) {
    for (Block b : body.blocks()) {
      if (b.type().equals("env")) {
        Map<String, Attribute> attrs = new HashMap<>();
        b.body().attributes().forEach(a -> attrs.put(a.name(), a));
        boolean secret =
            attrs.containsKey("type")
                && attrs.get("type").value().literal().orElse("").equals("SECRET");
        Attribute value = attrs.get("value");
        if (secret && value != null && !isReference(value.value(), sensitive)) {
          out.add(
              unsafe(
                  attrs.get("key").value().literal().orElse("?"),
                  root + path,
                  value.line(),
                  value.column()));
        }
      }
      if (b.type().equals("locals")) {
        // the env deploy.sh writes through the App Platform API: the same rule, on its objects
        b.body().attributes().stream()
            .filter(a -> a.name().equals("synced_env"))
            .forEach(
                a -> {
                  for (Expr component : a.value().entries().values()) {
                    for (Expr env : component.items()) {
                      Expr type = env.entries().get("type");
                      Expr value = env.entries().get("value");
                      if (type != null
                          && type.literal().orElse("").equals("SECRET")
                          && value != null
                          && !isReference(value, sensitive)) {
                        Expr key = env.entries().get("key");
                        out.add(
                            unsafe(
                                key == null ? "?" : key.literal().orElse("?"),
                                root + path,
                                a.line(),
                                a.column()));
                      }
                    }
                  }
                });
      }
      walk(b.body(), path, root, sensitive, out);
    }
  }

  private static boolean isReference(Expr value, Map<String, Boolean> sensitive) {
    if (value.literal().isPresent()) {
      return value.literal().get().matches("\\$\\{[a-z0-9-]+\\.[A-Z_]+}");
    }
    return !value.traversals().isEmpty()
        && value.traversals().stream()
            .allMatch(
                t ->
                    t.startsWith("random_password.")
                        || (t.startsWith("var.")
                            && sensitive.getOrDefault(t.substring(4).split("[.\\[]")[0], false)));
  }

  private static Diagnostic unsafe(String key, String file, int line, int column) {
    return Diagnostic.error(
        Codes.SECRET_VARIABLE_UNSAFE,
        new SourceLocation(file, line, column, ""),
        "SECRET env '"
            + key
            + "' does not come from a sensitive variable, a random_password or an App Platform binding",
        "secrets are references only");
  }
}
