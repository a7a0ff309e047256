package s2c.targets.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.chart.HelmCharts;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.testing.Models;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/** providers.aws.flavour: eks — the chart on an EKS Auto Mode cluster, rendered and checked. */
class EksFlavourTest {
  private static final AwsTarget TARGET = new AwsTarget();

  private static Deployment ledger(String... sets) {
    String[] all = new String[sets.length + 5];
    all[0] = "state_backend.type=s3";
    all[1] = "state_backend.region=eu-central-1";
    all[2] = "providers.digitalocean=null";
    all[3] = "providers.aws.route53_zone_id=Z0123456789ABC";
    all[4] = "providers.aws.flavour=eks";
    System.arraycopy(sets, 0, all, 5, sets.length);
    return Models.of(TARGET, "multi-service/bundle.yaml", "multi-service/values.prod.yaml", all);
  }

  private static RenderResult render(Deployment d) {
    return TARGET.render(d, new RenderContext("test"));
  }

  @Test
  void theChartRunsOnAnAutoModeClusterAndNothingOfEcsIsRendered() {
    RenderResult result = render(ledger());
    RenderedTree tree = result.tree();
    assertThat(result.diagnostics()).noneMatch(Diagnostic::isError);
    assertThat(tree.files().keySet())
        .contains(
            "terraform/eks.tf",
            "terraform/certificate.tf",
            "chart/ledger/Chart.yaml",
            "values/prod.yaml",
            "cluster/nodepool.yaml",
            "cluster/storageclass.yaml",
            "cluster/ingressclass.yaml",
            "cluster/ingressclassparams.yaml",
            "cluster/secrets/secretstore.yaml")
        .doesNotContain("terraform/ecs.tf", "terraform/edge.tf", "terraform/data.tf");
    String eks = tree.text("terraform/eks.tf");
    assertThat(eks)
        .contains("bootstrap_self_managed_addons = false")
        .contains("aws_eks_pod_identity_association")
        .contains("support_type = \"STANDARD\"");
    // the chart is the kubernetes target's, given the cluster's ALB, EBS and Secrets Manager
    JsonNode values = YamlOutput.read(tree.text("chart/ledger/values.yaml"));
    assertThat(values.path("ingress").path("className").asString()).isEqualTo("alb");
    assertThat(values.path("ingress").path("certManager").path("enabled").asBoolean()).isFalse();
    assertThat(values.path("secretStore").path("name").asString()).isEqualTo("aws-secrets-manager");
    assertThat(values.path("networkPolicy").path("loadBalancerCidrs").get(0).asString())
        .isEqualTo("10.0.0.0/16");
    assertThat(TARGET.validate(tree, "out/", Checks.FAST)).noneMatch(Diagnostic::isError);
  }

  @Test
  void theNodePoolCeilingIsTwiceTheRequestsAtMostReplicasAndNeverBelowOneNode() {
    assertThat(EksPlatform.ceiling(new HelmCharts.Capacity(500, 1024)))
        .isEqualTo(new EksPlatform.Ceiling(4, 8));
    assertThat(EksPlatform.ceiling(new HelmCharts.Capacity(3000, 6000)))
        .isEqualTo(new EksPlatform.Ceiling(6, 12));
    // the rendered pool follows the chart: more replicas, a higher ceiling
    int small = cpu(nodePool(ledger()));
    int large = cpu(nodePool(ledger("services.api.replicas=12")));
    assertThat(large).isGreaterThan(small);
  }

  private static int cpu(JsonNode pool) {
    return Integer.parseInt(pool.path("spec").path("limits").path("cpu").asString());
  }

  private static JsonNode nodePool(Deployment d) {
    return YamlOutput.read(render(d).tree().text("cluster/nodepool.yaml"));
  }

  @Test
  void theReaderRoleMayReadExactlyTheSecretsTheChartReads() {
    RenderedTree tree = render(ledger()).tree();
    String eks = tree.text("terraform/eks.tf");
    assertThat(eks).contains("Resource = [aws_secretsmanager_secret.stripe_key.arn]");
    // generated secrets stay in the cluster (ESO Password generators): no Terraform randomness
    assertThat(tree.text("terraform/versions.tf")).doesNotContain("random");
    assertThat(tree.text("cluster/secrets/secretstore.yaml")).contains("- ledger-prod");
  }

  @Test
  void aChartKeyTheModuleDoesNotCreateOrGrantIsAnError() {
    RenderedTree tree = render(ledger()).tree();
    String secrets = tree.text("terraform/secrets.tf");
    RenderedTree renamed =
        tree.with(
            "terraform/secrets.tf",
            secrets
                .replace("\"ledger/prod/stripe_key\"", "\"ledger/prod/other\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(EksSecretsCheck.check(renamed, "out/"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.SECRET_UNPROVIDED);
              assertThat(d.message()).contains("ledger/prod/stripe_key");
            });
    RenderedTree ungranted =
        tree.with(
            "terraform/eks.tf",
            tree.text("terraform/eks.tf")
                .replace("Resource = [aws_secretsmanager_secret.stripe_key.arn]", "Resource = []")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(EksSecretsCheck.check(ungranted, "out/"))
        .extracting(Diagnostic::message)
        .singleElement()
        .asString()
        .contains("may not read");
  }

  @Test
  void withoutAPublicServiceThereIsNoIngressClassCertificateOrAliasRecord() {
    RenderResult result =
        render(
            Models.of(
                TARGET,
                "worker-only/bundle.yaml",
                "worker-only/values.yaml",
                "providers.aws.flavour=eks",
                "providers.aws.route53_zone_id=Z0123456789ABC"));
    assertThat(result.diagnostics()).noneMatch(Diagnostic::isError);
    Map<String, byte[]> files = result.tree().files();
    assertThat(files)
        .containsKey("cluster/nodepool.yaml")
        .doesNotContainKeys(
            "cluster/ingressclass.yaml",
            "cluster/ingressclassparams.yaml",
            "terraform/certificate.tf");
    assertThat(result.tree().text("deploy.sh")).doesNotContain("alias_record");
  }

  @Test
  void deployShellAppliesThePoolBeforeTheOperatorAndItsStoreAfter() {
    String deploy = render(ledger()).tree().text("deploy.sh");
    int objects = deploy.indexOf("kubectl apply --filename ../cluster/\n");
    int operator = deploy.indexOf("helm upgrade --install external-secrets");
    int store = deploy.indexOf("kubectl apply --filename ../cluster/secrets/");
    int chart = deploy.indexOf("helm upgrade --install ledger ../chart/ledger");
    assertThat(List.of(objects, operator, store, chart)).allMatch(i -> i > 0).isSorted();
    assertThat(deploy).contains("--version " + EksPlatform.ESO_CHART_VERSION);
  }
}
