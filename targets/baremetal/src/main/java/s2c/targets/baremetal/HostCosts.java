package s2c.targets.baremetal;

import java.math.BigDecimal;
import s2c.cost.CostEstimate;
import s2c.cost.CostSheet;
import s2c.cost.PriceBook;
import s2c.model.Deployment;

/**
 * A host's monthly price: the figure values give ({@code providers.baremetal.monthly_usd}), else
 * the cheapest DigitalOcean Basic Droplet of the price book with the memory the deploy's preflight
 * asks for and a vCPU per requested one, labelled a suggestion (the render creates no host).
 */
final class HostCosts {
  private HostCosts() {}

  static CostEstimate of(Deployment d, BaremetalSettings settings, int memoryMb) {
    PriceBook book = PriceBook.load("digitalocean");
    CostSheet sheet = new CostSheet(book);
    String host = settings.host().or(d::domain).orElse(d.scenario());
    if (settings.monthlyUsd().isPresent()) {
      return sheet
          .given(host, "host", settings.monthlyUsd().get(), "providers.baremetal.monthly_usd")
          .estimate();
    }
    double cpus =
        d.services().stream()
            .mapToDouble(
                s ->
                    s.size().cpu().map(BigDecimal::doubleValue).orElse(0.25)
                        * Math.max(1, s.replicas()))
            .sum();
    String note =
        "no providers.baremetal.monthly_usd: the cheapest Basic Droplet with "
            + memoryMb
            + " MiB and "
            + Math.max(1, (int) Math.ceil(cpus))
            + " vCPU";
    // Basic Regular sizes; the Premium AMD ones (-amd) cost more for the same size
    book.sizes("droplet.s-").stream()
        .filter(size -> !size.id().endsWith("-amd"))
        .filter(size -> size.memoryGb().get().doubleValue() * 1024 >= memoryMb)
        .filter(size -> size.vcpu().get().doubleValue() >= Math.ceil(cpus))
        .findFirst()
        .ifPresentOrElse(
            size ->
                sheet.suggestion(
                    host,
                    "Droplet " + size.id().substring("droplet.".length()) + " (suggested)",
                    size.id(),
                    note),
            () ->
                sheet.unpriced(
                    host,
                    "host larger than the price book's Droplets",
                    "providers.baremetal.monthly_usd",
                    BigDecimal.ONE,
                    "give the host's price as providers.baremetal.monthly_usd"));
    return sheet
        .assume(
            "the host runs the services and their resources; its traffic is within its allowance")
        .estimate();
  }
}
