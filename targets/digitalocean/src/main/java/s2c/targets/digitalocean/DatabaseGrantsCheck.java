package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.spi.RenderedTree;

/**
 * An app that connects to PostgreSQL as a user made by {@code digitalocean_database_user} must be
 * able to create its tables: since PostgreSQL 15 that user has no CREATE on schema {@code public}.
 * So another app must run a job granting it, and the connecting app must depend on that app
 * (Terraform then creates it, and runs its job, first).
 */
final class DatabaseGrantsCheck {
  private DatabaseGrantsCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    byte[] bytes = tree.files().get("terraform/main.tf");
    if (bytes == null) {
      return out;
    }
    Body main;
    try {
      main = HclParser.parse(DigitalOceanTarget.utf8(bytes));
    } catch (HclSyntaxException e) {
      return out; // reported by the Terraform validator
    }
    Map<String, String> users = new HashMap<>();
    Map<String, Block> apps = new HashMap<>();
    for (Block b : main.blocks()) {
      if (b.type().equals("resource") && b.labels().size() == 2) {
        if (b.labels().get(0).equals("digitalocean_database_user")) {
          b.body()
              .attribute("name")
              .flatMap(a -> a.value().literal())
              .ifPresent(n -> users.put(b.labels().get(1), n));
        } else if (b.labels().get(0).equals("digitalocean_app")) {
          apps.put(b.labels().get(1), b);
        }
      }
    }
    apps.forEach(
        (name, app) -> {
          for (Block spec : app.body().blocks("spec")) {
            for (Block db : spec.body().blocks("database")) {
              if (!db.body()
                  .attribute("engine")
                  .flatMap(a -> a.value().literal())
                  .orElse("")
                  .equals("PG")) {
                continue;
              }
              Optional<String> userRef =
                  db.body()
                      .attribute("db_user")
                      .flatMap(a -> a.value().traversals().stream().findFirst())
                      .filter(t -> t.startsWith("digitalocean_database_user."));
              if (userRef.isEmpty()) {
                continue; // the cluster's admin user, which owns the databases it makes
              }
              String user = users.getOrDefault(userRef.get().split("\\.")[1], "?");
              String grant = "GRANT ALL ON SCHEMA public TO " + SqlIdentifiers.quote(user);
              Optional<String> granter =
                  apps.entrySet().stream()
                      .filter(e -> !e.getKey().equals(name) && grants(e.getValue(), grant))
                      .map(Map.Entry::getKey)
                      .findFirst();
              String address = "digitalocean_app." + name;
              if (granter.isEmpty()) {
                out.add(
                    Diagnostic.error(
                        Codes.DB_USER_UNGRANTED,
                        new SourceLocation(root + "terraform/main.tf", db.line(), db.column(), ""),
                        address
                            + " connects to PostgreSQL as '"
                            + user
                            + "', which no job grants CREATE on schema public:"
                            + " since PostgreSQL 15 its first migration fails with \"permission denied for schema public\"",
                        "run '"
                            + grant
                            + "' as the cluster's admin user in an app that "
                            + address
                            + " depends on"));
              } else if (!dependsOn(app, "digitalocean_app." + granter.get())) {
                out.add(
                    Diagnostic.error(
                        Codes.DB_USER_UNGRANTED,
                        new SourceLocation(
                            root + "terraform/main.tf", app.line(), app.column(), ""),
                        address
                            + " does not depend on digitalocean_app."
                            + granter.get()
                            + ", so its migrations may run before the grants",
                        "add depends_on = [digitalocean_app." + granter.get() + "]"));
              }
            }
          }
        });
    return out;
  }

  private static boolean grants(Block app, String statement) {
    for (Block spec : app.body().blocks("spec")) {
      for (Block job : spec.body().blocks("job")) {
        boolean preDeploy =
            job.body()
                .attribute("kind")
                .flatMap(a -> a.value().literal())
                .orElse("")
                .equals("PRE_DEPLOY");
        boolean runs =
            job.body()
                .attribute("run_command")
                .flatMap(a -> a.value().literal())
                .orElse("")
                .contains(statement);
        if (preDeploy && runs) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean dependsOn(Block resource, String address) {
    return resource
        .body()
        .attribute("depends_on")
        .map(a -> a.value().traversals().contains(address))
        .orElse(false);
  }
}
