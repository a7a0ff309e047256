package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.Canary;
import s2c.testing.TestPaths;

/**
 * The rendered AWS deploy.sh run for real, with {@code terraform} and {@code aws} replaced by
 * programs that record their arguments and answer like the real ones: the migration runs as a
 * one-off task of the targeted apply's task definition, in the services' subnets and security
 * group, before the full apply; a failed migration stops the deploy; a missing secret stops it
 * before Terraform runs; and no secret value is ever an argument.
 */
class AwsDeployScriptTest {
  @TempDir Path tmp;
  private Path module;
  private Path log;

  @BeforeEach
  void render() throws IOException {
    assumeTrue(
        ProgramStubs.onPath("jq") && ProgramStubs.onPath("bash"),
        "jq and bash are needed to run deploy.sh");
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.prod.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.aws.yaml").toString(),
            "--provider",
            "aws",
            "--checks",
            "fast",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    module = tmp.resolve("out/ledger/cloud/aws");
    log = tmp.resolve("calls.log");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    ProgramStubs.stub(
        bin.resolve("terraform"),
        """
        #!/bin/sh
        echo "terraform $*" >> "$STUB_LOG"
        if [ "$1" = show ]; then
          cat <<'JSON'
        {"values":{"root_module":{"resources":[
          {"address":"aws_ecs_cluster.main","values":{"name":"ledger-prod"}},
          {"address":"aws_ecs_task_definition.api_migrate_20240601","values":{"arn":"arn:aws:ecs:eu-central-1:123456789012:task-definition/ledger-prod-api_migrate_20240601:7"}},
          {"address":"aws_security_group.api","values":{"id":"sg-0api"}},
          {"address":"aws_subnet.private_1","values":{"id":"subnet-p1"}},
          {"address":"aws_subnet.private_2","values":{"id":"subnet-p2"}},
          {"address":"aws_subnet.private_3","values":{"id":"subnet-p3"}},
          {"address":"aws_subnet.public_1","values":{"id":"subnet-public"}}
        ]}}}
        JSON
        fi
        """);
    ProgramStubs.stub(
        bin.resolve("aws"),
        """
        #!/bin/sh
        echo "aws $*" >> "$STUB_LOG"
        case "$2" in
          run-task) echo "arn:aws:ecs:eu-central-1:123456789012:task/ledger-prod/abc" ;;
          describe-tasks) echo "${STUB_EXIT_CODE:-0}" ;;
        esac
        """);
  }

  private record Run(int exit, String output, List<String> calls) {}

  private Run deploy(boolean withSecret, String migrationExit) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", module.resolve("deploy.sh").toString(), "apply")
            .redirectErrorStream(true);
    pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("STUB_EXIT_CODE", migrationExit);
    pb.environment().remove("TF_VAR_stripe_key");
    if (withSecret) {
      pb.environment().put("TF_VAR_stripe_key", Canary.numbered(50));
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return new Run(p.exitValue(), output, calls);
  }

  @Test
  void theMigrationRunsInTheServicesNetworkBeforeTheFullApply() throws Exception {
    Run run = deploy(true, "0");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(String.join("\n", run.calls())).doesNotContain("CANARY-s2c-");
    List<String> calls = run.calls();
    assertThat(calls.get(0)).isEqualTo("terraform init -input=false");
    assertThat(calls.get(1))
        .startsWith("terraform apply -input=false -auto-approve")
        .contains(
            "-target=aws_ecs_task_definition.api_migrate_20240601",
            "-target=aws_ecs_cluster.main",
            "-target=aws_vpc_security_group_ingress_rule.postgres_from_api",
            "-target=aws_secretsmanager_secret_version.stripe_key",
            "-target=aws_route.private_3_nat");
    assertThat(calls.get(2)).isEqualTo("terraform show -json");
    assertThat(calls.get(3))
        .isEqualTo(
            "aws ecs run-task --cluster ledger-prod --launch-type FARGATE --task-definition"
                + " arn:aws:ecs:eu-central-1:123456789012:task-definition/ledger-prod-api_migrate_20240601:7"
                + " --network-configuration awsvpcConfiguration={subnets=[subnet-p1,subnet-p2,subnet-p3],"
                + "securityGroups=[sg-0api],assignPublicIp=DISABLED} --query tasks[0].taskArn --output text");
    assertThat(calls.get(4)).startsWith("aws ecs wait tasks-stopped --cluster ledger-prod");
    assertThat(calls.get(5)).startsWith("aws ecs describe-tasks");
    assertThat(calls.subList(6, calls.size()))
        .containsExactly(
            "terraform plan -input=false -out=tfplan", "terraform apply -input=false tfplan");
  }

  @Test
  void aFailedMigrationStopsTheDeployBeforeTheServicesChange() throws Exception {
    Run run = deploy(true, "1");
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("migration api_migrate_20240601 failed (exit code 1)");
    assertThat(run.calls()).noneMatch(c -> c.startsWith("terraform plan"));
  }

  @Test
  void aMissingSecretStopsTheDeployBeforeTerraformRuns() throws Exception {
    Run run = deploy(false, "0");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output()).contains("missing secret: set TF_VAR_stripe_key (user_prompt)");
    assertThat(run.calls()).isEmpty();
  }
}
