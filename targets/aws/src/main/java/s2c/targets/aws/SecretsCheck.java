package s2c.targets.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Attribute;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.hcl.ParsedHcl.Expr;
import s2c.spi.RenderedTree;

/**
 * The AWS module's promises, checked on the output: a container reads a secret only through {@code
 * secrets[].valueFrom}, never as plain {@code environment}; every {@code valueFrom} resolves to a
 * Secrets Manager secret the module creates and writes (or to the password RDS manages); every task
 * asks for a cpu/memory pair Fargate runs; and an apply cannot report success for a deployment ECS
 * rolled back.
 */
final class SecretsCheck {
  private SecretsCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    Map<String, Body> files = new LinkedHashMap<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith("terraform/") && path.endsWith(".tf")) {
                try {
                  files.put(path, HclParser.parse(new String(bytes, StandardCharsets.UTF_8)));
                } catch (HclSyntaxException e) {
                  // the Terraform validator reports it
                }
              }
            });
    Set<String> written = new HashSet<>();
    Set<String> managedPasswords = new HashSet<>();
    Set<String> secretEnvNames = new HashSet<>();
    files
        .values()
        .forEach(
            body -> {
              for (Block b : body.blocks("resource")) {
                if (b.labels().size() != 2) {
                  continue;
                }
                if (b.labels().get(0).equals("aws_secretsmanager_secret_version")) {
                  written.add(b.labels().get(1));
                }
                if (b.labels().get(0).equals("aws_db_instance")
                    && b.body()
                        .attribute("manage_master_user_password")
                        .flatMap(a -> a.value().literal())
                        .map("true"::equals)
                        .orElse(false)) {
                  managedPasswords.add(b.labels().get(1));
                }
                containers(b)
                    .forEach(
                        c ->
                            entries(c, "secrets")
                                .forEach(s -> text(s, "name").ifPresent(secretEnvNames::add)));
              }
            });
    List<Diagnostic> out = new ArrayList<>();
    files.forEach(
        (path, body) -> {
          for (Block b : body.blocks("resource")) {
            if (b.labels().size() == 2 && b.labels().get(0).equals("aws_ecs_service")) {
              rollbackReported(b, new SourceLocation(root + path, b.line(), b.column(), ""), out);
            }
            if (b.labels().size() != 2 || !b.labels().get(0).equals("aws_ecs_task_definition")) {
              continue;
            }
            SourceLocation at = new SourceLocation(root + path, b.line(), b.column(), "");
            String task = b.labels().get(1);
            fargateSize(b, task, at, out);
            for (Expr container : containers(b)) {
              for (Expr env : entries(container, "environment")) {
                text(env, "name")
                    .filter(secretEnvNames::contains)
                    .ifPresent(
                        name ->
                            out.add(
                                Diagnostic.error(
                                    Codes.SECRET_IN_STATE,
                                    at,
                                    "task "
                                        + task
                                        + " sets secret "
                                        + name
                                        + " as plain environment, which is stored in the task definition and the state",
                                    "hand it to the container through secrets[].valueFrom")));
              }
              for (Expr secret : entries(container, "secrets")) {
                Expr from = secret.entries().get("valueFrom");
                if (from == null || !resolves(from, written, managedPasswords)) {
                  out.add(
                      Diagnostic.error(
                          Codes.SECRET_IN_STATE,
                          at,
                          "task "
                              + task
                              + ": secret "
                              + text(secret, "name").orElse("?")
                              + " does not come from a Secrets Manager secret this module creates and writes",
                          "valueFrom = aws_secretsmanager_secret.<name>.arn, with an aws_secretsmanager_secret_version of the same name"));
                }
              }
            }
          }
        });
    return out;
  }

  /**
   * A service whose circuit breaker rolls back must make the apply wait and compare the task
   * definition it ends on with the one it was given: a rolled-back deployment is steady too, and
   * the apply would otherwise report success.
   */
  private static void rollbackReported(Block service, SourceLocation at, List<Diagnostic> out) {
    boolean rollback =
        service.body().blocks("deployment_circuit_breaker").stream()
            .anyMatch(
                c ->
                    c.body()
                        .attribute("rollback")
                        .flatMap(a -> a.value().literal())
                        .map("true"::equals)
                        .orElse(false));
    if (!rollback) {
      return;
    }
    boolean waits =
        service
            .body()
            .attribute("wait_for_steady_state")
            .flatMap(a -> a.value().literal())
            .map("true"::equals)
            .orElse(false);
    boolean compares =
        service.body().blocks("lifecycle").stream()
            .flatMap(l -> l.body().blocks("postcondition").stream())
            .flatMap(p -> p.body().attribute("condition").stream())
            .anyMatch(
                c ->
                    c.value().traversals().contains("self.task_definition")
                        && c.value().traversals().stream()
                            .anyMatch(t -> t.startsWith("aws_ecs_task_definition.")));
    if (!waits || !compares) {
      out.add(
          Diagnostic.error(
              Codes.ROLLBACK_UNREPORTED,
              at,
              "ECS service "
                  + service.labels().get(1)
                  + " rolls back failed deployments, but the apply would report success after a rollback",
              "set wait_for_steady_state = true and a lifecycle postcondition that self.task_definition is the task definition applied"));
    }
  }

  private static boolean resolves(Expr from, Set<String> written, Set<String> managed) {
    if (from.traversals().isEmpty()) {
      return false; // a literal ARN: a secret nobody here writes
    }
    for (String t : from.traversals()) {
      String[] parts = t.split("[.\\[]");
      boolean ok =
          parts.length >= 3
                  && parts[0].equals("aws_secretsmanager_secret")
                  && parts[2].equals("arn")
                  && written.contains(parts[1])
              || parts.length >= 3
                  && parts[0].equals("aws_db_instance")
                  && parts[2].equals("master_user_secret")
                  && managed.contains(parts[1]);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void fargateSize(Block b, String task, SourceLocation at, List<Diagnostic> out) {
    Optional<String> cpu = b.body().attribute("cpu").flatMap(a -> a.value().literal());
    Optional<String> memory = b.body().attribute("memory").flatMap(a -> a.value().literal());
    if (cpu.isEmpty() || memory.isEmpty()) {
      return;
    }
    boolean valid;
    try {
      valid = FargateSizes.valid(Integer.parseInt(cpu.get()), Integer.parseInt(memory.get()));
    } catch (NumberFormatException e) {
      valid = false;
    }
    if (!valid) {
      out.add(
          Diagnostic.error(
              Codes.VALUE_NOT_ALLOWED_TF,
              at,
              "task "
                  + task
                  + ": Fargate runs no task of cpu "
                  + cpu.get()
                  + " and memory "
                  + memory.get(),
              "use a pair from the ECS task size table, e.g. cpu 256 with memory 512, 1024 or 2048"));
    }
  }

  /** The container objects of jsonencode([...]) in container_definitions. */
  private static List<Expr> containers(Block b) {
    if (!b.labels().get(0).equals("aws_ecs_task_definition")) {
      return List.of();
    }
    return b.body()
        .attribute("container_definitions")
        .map(Attribute::value)
        .filter(v -> v.items().size() == 1)
        .map(v -> v.items().get(0).items())
        .orElse(List.of());
  }

  private static List<Expr> entries(Expr container, String key) {
    Expr list = container.entries().get(key);
    return list == null ? List.of() : list.items();
  }

  private static Optional<String> text(Expr object, String key) {
    Expr v = object.entries().get(key);
    return v == null ? Optional.empty() : v.literal();
  }
}
