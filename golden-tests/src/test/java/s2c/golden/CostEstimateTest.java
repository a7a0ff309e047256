package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code cost} and the estimate every render carries: priced from the target's plan with the
 * shipped price books, unpriced items listed with a warning, DigitalOcean's Standard Edition
 * standby policy an error rather than a price.
 */
class CostEstimateTest {
  @TempDir Path tmp;

  private static JsonNode cost(String provider, String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "cost";
    args[1] = "--scenario-dir";
    args[2] = TestPaths.fixture("picker-wheel").toString();
    args[3] = "--provider";
    args[4] = provider;
    args[5] = "--output=json";
    System.arraycopy(more, 0, args, 6, more.length);
    CliRun run = CliRun.of(args);
    JsonNode report = YamlOutput.read(run.out());
    assertThat(report.path("ok").asBoolean()).as(run.out() + run.err()).isTrue();
    return report;
  }

  private static JsonNode line(JsonNode cost, String resource, String priceId) {
    for (JsonNode item : cost.path("items")) {
      if (item.path("resource").asString().equals(resource)
          && item.path("price_id").asString().equals(priceId)) {
        return item;
      }
    }
    throw new AssertionError("no line " + resource + " " + priceId + " in " + cost);
  }

  @Test
  void digitalOceanPricesEachInstanceAndDatabaseNodeOfThePlan() {
    JsonNode cost =
        cost("do", "--values", TestPaths.fixture("picker-wheel/values.prod.yaml").toString())
            .path("cost");
    JsonNode api = line(cost, "api", "app_platform.apps-s-1vcpu-1gb");
    assertThat(api.path("quantity").asInt()).isEqualTo(2);
    assertThat(api.path("monthly_usd").decimalValue()).isEqualByComparingTo("24");
    assertThat(
            line(cost, "postgres", "database.postgresql.db-s-2vcpu-4gb")
                .path("monthly_usd")
                .decimalValue())
        .isEqualByComparingTo("60.90");
    assertThat(
            line(cost, "picker-wheel-prod", "app_platform.outbound_transfer_overage")
                .path("basis")
                .asString())
        .isEqualTo("assumption");
    assertThat(cost.path("monthly_usd").decimalValue()).isEqualByComparingTo("108.90");
    assertThat(cost.path("prices_as_of").asString()).isEqualTo("2026-10-02");
  }

  @Test
  void aStandbyOnAStandardEditionPostgresIsAnErrorAtTheResource() {
    CliRun run =
        CliRun.of(
            "cost",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--values",
            TestPaths.fixture("picker-wheel/values.prod.yaml").toString(),
            "--set",
            "resources.postgres.ha=true",
            "--provider",
            "do");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("service.json:47:7: error[S2C102]", "Standard Edition", "Advanced Edition");
    assertThat(run.out()).as("no price for a render that would not apply").doesNotContain("TOTAL");
  }

  @Test
  void anUnpricedItemIsListedAndWarnedAboutNeverDropped() {
    CliRun run =
        CliRun.of(
            "cost",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "kubernetes",
            "--values",
            TestPaths.fixture("picker-wheel/values.kubernetes.yaml").toString(),
            "--set",
            "providers.kubernetes.cluster_pricing=eks");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("warning[S2C109]", "EC2 worker nodes");
    assertThat(run.out())
        .contains("EKS control plane", "73.00", "unpriced: the price book has no EC2");

    JsonNode doks =
        cost(
                "kubernetes",
                "--values",
                TestPaths.fixture("picker-wheel/values.kubernetes.yaml").toString())
            .path("cost");
    assertThat(doks.path("assumptions").get(0).asString()).contains("DOKS");
    assertThat(line(doks, "picker-wheel-staging", "droplet.s-2vcpu-4gb").path("quantity").asInt())
        .isPositive();
  }

  @Test
  void aHostIsTheGivenPriceElseASuggestedDroplet() {
    String values = TestPaths.fixture("picker-wheel/values.baremetal.yaml").toString();
    JsonNode suggested = cost("baremetal", "--values", values).path("cost").path("items").get(0);
    assertThat(suggested.path("basis").asString()).isEqualTo("suggestion");
    assertThat(suggested.path("price_id").asString()).startsWith("droplet.s-");
    JsonNode given =
        cost("baremetal", "--values", values, "--set", "providers.baremetal.monthly_usd=42.5")
            .path("cost")
            .path("items")
            .get(0);
    assertThat(given.path("basis").asString()).isEqualTo("given");
    assertThat(given.path("monthly_usd").decimalValue()).isEqualByComparingTo("42.50");
  }

  @Test
  void theManifestAndCompileJsonCarryTheEstimate() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "aws",
            "--values",
            TestPaths.fixture("picker-wheel/values.aws.yaml").toString(),
            "--checks",
            "fast",
            "--output=json",
            "--out",
            tmp.toString());
    JsonNode report = YamlOutput.read(run.out());
    assertThat(report.path("ok").asBoolean()).as(run.err()).isTrue();
    JsonNode manifest =
        YamlOutput.read(Files.readString(tmp.resolve("picker-wheel/cloud/aws/s2c-manifest.json")));
    assertThat(manifest.path("cost")).isEqualTo(report.path("cost"));
    assertThat(
            line(report.path("cost"), "api", "fargate.linux_x86.vcpu_hour")
                .path("quantity")
                .decimalValue())
        .isEqualByComparingTo("730"); // 2 tasks × 0.5 vCPU × 730 h
  }
}
