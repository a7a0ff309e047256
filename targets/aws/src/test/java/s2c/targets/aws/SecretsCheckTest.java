package s2c.targets.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.spi.Checks;
import s2c.spi.RenderedTree;

/** The rules that keep a secret out of task definitions and state, on hand-broken output. */
class SecretsCheckTest {
  private static final String SECRET =
      """
      resource "aws_secretsmanager_secret" "token" {
        name = "demo/dev/token"
      }

      variable "token" {
        type      = string
        sensitive = true
        ephemeral = true
      }

      resource "aws_secretsmanager_secret_version" "token" {
        secret_id                = aws_secretsmanager_secret.token.id
        secret_string_wo         = var.token
        secret_string_wo_version = 1
      }
      """;

  private static String task(String cpu, String memory, String container) {
    return """
        resource "aws_ecs_task_definition" "api" {
          family                   = "demo-api"
          requires_compatibilities = ["FARGATE"]
          network_mode             = "awsvpc"
          cpu                      = "%s"
          memory                   = "%s"
          container_definitions = jsonencode([
            %s
          ])
        }
        """
        .formatted(cpu, memory, container);
  }

  private static List<Diagnostic> check(String ecs) {
    RenderedTree tree =
        RenderedTree.builder()
            .text(
                "terraform/versions.tf",
                "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n")
            .text("terraform/secrets.tf", SECRET)
            .text("terraform/ecs.tf", ecs)
            .build();
    return new AwsTarget().validate(tree, "demo/", Checks.FAST);
  }

  private static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
  }

  @Test
  void aSecretReadThroughValueFromOfAWrittenSecretPasses() {
    String container =
        """
        {
          name        = "api"
          image       = "example/api:1"
          environment = [{ name = "LOG_LEVEL", value = "info" }]
          secrets     = [{ name = "TOKEN", valueFrom = aws_secretsmanager_secret.token.arn }]
        }
        """;
    assertThat(codes(check(task("256", "512", container)))).isEmpty();
  }

  @Test
  void theSameSecretAsPlainEnvironmentIsRefused() {
    String container =
        """
        {
          name        = "api"
          image       = "example/api:1"
          environment = [{ name = "TOKEN", value = "hunter2" }]
          secrets     = [{ name = "TOKEN", valueFrom = aws_secretsmanager_secret.token.arn }]
        }
        """;
    assertThat(codes(check(task("256", "512", container)))).contains(Codes.SECRET_IN_STATE);
  }

  @Test
  void aValueFromNobodyWritesIsRefused() {
    String container =
        """
        {
          name    = "api"
          image   = "example/api:1"
          secrets = [{ name = "TOKEN", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:other" }]
        }
        """;
    assertThat(codes(check(task("256", "512", container)))).contains(Codes.SECRET_IN_STATE);
  }

  @Test
  void anEphemeralValueInAnArgumentTerraformStoresIsRefused() {
    String container =
        """
        {
          name        = "api"
          image       = "example/api:1"
          environment = [{ name = "X", value = var.token }]
        }
        """;
    assertThat(check(task("256", "512", container)))
        .filteredOn(d -> d.code().equals(Codes.SECRET_IN_STATE))
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("var.token") && m.contains("container_definitions"));
  }

  @Test
  void aServiceThatRollsBackMustMakeTheApplyFailOnARollback() {
    String service =
        """
        resource "aws_ecs_service" "api" {
          name                  = "api"
          task_definition       = "arn:x"
          wait_for_steady_state = %s

          deployment_circuit_breaker {
            enable   = true
            rollback = true
          }
        %s
        }
        """;
    String postcondition =
        """
          lifecycle {
            postcondition {
              condition     = contains([aws_ecs_task_definition.api.arn], self.task_definition)
              error_message = "rolled back"
            }
          }
        """;
    String container = "{ name = \"api\", image = \"example/api:1\" }";
    String ok = task("256", "512", container) + service.formatted("true", postcondition);
    assertThat(codes(check(ok))).doesNotContain(Codes.ROLLBACK_UNREPORTED);
    assertThat(codes(check(task("256", "512", container) + service.formatted("true", ""))))
        .contains(Codes.ROLLBACK_UNREPORTED);
    assertThat(
            codes(check(task("256", "512", container) + service.formatted("false", postcondition))))
        .contains(Codes.ROLLBACK_UNREPORTED);
  }

  @Test
  void aTaskSizeFargateDoesNotRunIsRefused() {
    String container = "{ name = \"api\", image = \"example/api:1\" }";
    assertThat(codes(check(task("1024", "1024", container)))).contains(Codes.VALUE_NOT_ALLOWED_TF);
  }
}
