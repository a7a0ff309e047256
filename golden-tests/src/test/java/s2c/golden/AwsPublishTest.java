package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.Canary;
import s2c.testing.TestPaths;

/**
 * The AWS render through publish and diff, the way the infra repo's reviewers see it: resources in
 * the change summary, replacements called out, and no credential or secret value anywhere even with
 * canaries in every variable a careless tool would read.
 */
class AwsPublishTest {
  @TempDir Path tmp;

  private static List<String> inputs(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.aws.yaml").toString(),
                "--provider",
                "aws"));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void publishCarriesNoSecretAndTheDiffNamesResourcesAndReplacements() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    String url = remote.toUri().toString();
    Map<String, String> env =
        Map.of(
            "AWS_SECRET_ACCESS_KEY", Canary.numbered(40),
            "AWS_SESSION_TOKEN", Canary.numbered(41),
            "TF_VAR_stripe_key", Canary.numbered(42),
            "STRIPE_API_KEY", Canary.numbered(43),
            "SESSION_KEY", Canary.numbered(44),
            "DATABASE_URL", "postgres://u:" + Canary.numbered(45) + "@db/x");
    List<String> publish = new java.util.ArrayList<>(List.of("publish"));
    publish.addAll(inputs("--repo", url, "--out", tmp.resolve("out").toString()));
    Process p = Subprocess.start(env, publish.toArray(String[]::new));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("Terraform resources (+").doesNotContain("CANARY-s2c-");
    assertThat(GitFixtures.git(remote, "log", "-p", "--all"))
        .contains("secret_string_wo", "valueFrom")
        .doesNotContain("CANARY-s2c-");
    assertThat(CanaryTest.filesContaining(remote)).isEmpty();
    assertThat(CanaryTest.filesContaining(tmp.resolve("out"))).isEmpty();

    // a change a reviewer must see: more api tasks, and a VPC range that replaces the network
    List<String> diff = new java.util.ArrayList<>(List.of("diff"));
    diff.addAll(
        inputs(
            "--repo",
            url,
            "--set",
            "services.api.replicas=5",
            "--set",
            "providers.aws.vpc_cidr=10.1.0.0/16"));
    CliRun changed = CliRun.of(diff.toArray(String[]::new));
    assertThat(changed.exit()).as(changed.err()).isEqualTo(1);
    assertThat(changed.out())
        .contains(
            "changed `aws_ecs_service.api`",
            "changed `aws_vpc.main`",
            "Destructive changes",
            "aws_vpc.main");
  }

  @Test
  void theEksFlavourPublishesTheChartAndClusterWithoutASecret() throws Exception {
    Path remote = tmp.resolve("infra-eks.git");
    GitFixtures.bare(remote).close();
    Map<String, String> env =
        Map.of(
            "AWS_SECRET_ACCESS_KEY", Canary.numbered(46),
            "TF_VAR_stripe_key", Canary.numbered(47),
            "STRIPE_API_KEY", Canary.numbered(48),
            "SESSION_KEY", Canary.numbered(49));
    List<String> publish = new java.util.ArrayList<>(List.of("publish"));
    publish.addAll(
        inputs(
            "--values",
            TestPaths.fixture("multi-service/values.eks.yaml").toString(),
            "--repo",
            remote.toUri().toString(),
            "--out",
            tmp.resolve("out-eks").toString()));
    Process p = Subprocess.start(env, publish.toArray(String[]::new));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output)
        .contains("Terraform resources (+", "API objects (+")
        .doesNotContain("CANARY-s2c-");
    assertThat(GitFixtures.git(remote, "log", "-p", "--all"))
        .contains(
            "kind: ExternalSecret",
            "kind: ClusterSecretStore",
            "secret_string_wo",
            "aws_eks_pod_identity_association")
        .doesNotContain("CANARY-s2c-");
    assertThat(CanaryTest.filesContaining(remote)).isEmpty();
    assertThat(CanaryTest.filesContaining(tmp.resolve("out-eks"))).isEmpty();
  }
}
