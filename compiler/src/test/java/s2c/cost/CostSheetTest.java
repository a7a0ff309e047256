package s2c.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Lines from the shipped price books: the sum can be redone from each line's figures. */
class CostSheetTest {
  @Test
  void hourlyPricesRunAllMonthAndMonthlyPricesCountInstances() {
    CostEstimate e =
        new CostSheet(PriceBook.load("aws-us-east-1"))
            .perHour(
                "web", "Fargate vCPU", "fargate.linux_x86.vcpu_hour", new BigDecimal("0.5"), "")
            .usage("app", "logs", "cloudwatch_logs.ingest_gb", BigDecimal.TEN, "10 GB assumed")
            .estimate();
    CostLine vcpu = e.lines().get(0);
    assertThat(vcpu.quantity()).isEqualByComparingTo("365");
    assertThat(vcpu.monthlyUsd()).contains(new BigDecimal("14.78")); // 365 × 0.04048
    assertThat(e.lines().get(1).basis()).isEqualTo(CostLine.Basis.ASSUMPTION);
    assertThat(e.monthlyUsd()).isEqualByComparingTo("19.78");
    assertThat(e.pricesAsOf()).isEqualTo("2026-10-07");

    CostEstimate d =
        new CostSheet(PriceBook.load("digitalocean"))
            .perMonth("api", "instance", "app_platform.apps-s-1vcpu-1gb", BigDecimal.valueOf(2), "")
            .estimate();
    assertThat(d.monthlyUsd()).isEqualByComparingTo("24.00");
  }

  @Test
  void aPriceTheBookDoesNotHaveIsAnUnpricedLineNeverDropped() {
    CostEstimate e =
        new CostSheet(PriceBook.load("digitalocean"))
            .perMonth(
                "db", "managed mysql node", "database.mysql.db-s-1vcpu-1gb", BigDecimal.ONE, "")
            .estimate();
    assertThat(e.lines()).hasSize(1);
    assertThat(e.unpriced()).hasSize(1);
    assertThat(e.unpriced().get(0).monthlyUsd()).isEmpty();
    assertThat(e.monthlyUsd()).isEqualByComparingTo("0");
    assertThat(e.toJson().get("items").toString()).contains("unpriced");
  }

  @Test
  void everyPriceHasASourceAndAConfidence() {
    for (String book : new String[] {"digitalocean", "aws-us-east-1"}) {
      PriceBook b = PriceBook.load(book);
      assertThat(b.prices()).isNotEmpty();
      assertThat(b.prices().values())
          .allSatisfy(
              p -> {
                assertThat(p.source()).as(p.id()).isNotBlank();
                assertThat(p.confidence()).as(p.id()).isIn("primary", "secondary", "low");
                assertThat(p.price()).as(p.id()).isNotNull();
              });
    }
  }
}
