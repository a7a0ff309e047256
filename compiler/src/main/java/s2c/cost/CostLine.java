package s2c.cost;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One priced thing of a deployment.
 *
 * @param resource what the user calls it (a service, a database, the load balancer)
 * @param kind what is billed (an App Platform instance, a Fargate vCPU, a node)
 * @param quantity how many units a month (instances, vCPU-hours, GiB)
 * @param unit the price's unit ({@code month}, {@code hour}, {@code GiB})
 * @param unitPrice empty when unpriced
 * @param monthlyUsd empty when unpriced
 * @param priceId the price book item, or a value the user gave
 */
public record CostLine(
    String resource,
    String kind,
    BigDecimal quantity,
    String unit,
    Optional<BigDecimal> unitPrice,
    Optional<BigDecimal> monthlyUsd,
    String priceId,
    Basis basis,
    String note) {

  /** How a line's figure was reached. */
  public enum Basis {
    /** A list price × a quantity the render fixes. */
    PRICED,
    /** A usage-based item: a list price × a stated assumption about usage. */
    ASSUMPTION,
    /** Not in the render: what the tool suggests (a host size that fits the requests). */
    SUGGESTION,
    /** A figure the user gave (a host's monthly price). */
    GIVEN,
    /** No known price: counted as nothing, and a warning says so. */
    UNPRICED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
