package s2c.targets.digitalocean;

import java.math.BigDecimal;
import s2c.cost.CostEstimate;
import s2c.cost.CostSheet;
import s2c.cost.PriceBook;

/**
 * The monthly price of a DigitalOcean plan: each App Platform component's instance size × its
 * instance count, each managed database's size × its nodes (a standby costs a node), and the
 * usage-based egress as a stated assumption. App Platform's router is part of the app, so there is
 * no load balancer to pay for.
 */
final class DoCosts {
  private DoCosts() {}

  static CostEstimate of(DoPlan plan) {
    CostSheet sheet = new CostSheet(PriceBook.load("digitalocean"));
    for (DoPlan.Component c : plan.components()) {
      String price = "app_platform." + c.sizeSlug();
      if (c.kind() == DoPlan.Kind.JOB) {
        sheet.usage(
            c.name(),
            "App Platform job " + c.sizeSlug(),
            price,
            BigDecimal.ZERO,
            "runs for seconds at each deploy, billed per second: counted as nothing");
        continue;
      }
      sheet.perMonth(
          c.name(),
          "App Platform " + c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.sizeSlug(),
          price,
          BigDecimal.valueOf(c.instanceCount()),
          c.instanceCount() + " instance(s)");
    }
    for (DoPlan.ManagedDb db : plan.databases()) {
      String engine =
          switch (db.clusterEngine()) {
            case "pg" -> "postgresql";
            case "valkey", "redis" -> "valkey";
            default -> db.clusterEngine();
          };
      sheet.perMonth(
          db.resourceName(),
          "managed " + engine + " node " + db.size(),
          "database." + engine + "." + db.size(),
          BigDecimal.valueOf(db.nodeCount()),
          db.nodeCount() > 1 ? "primary + " + (db.nodeCount() - 1) + " standby" : "one node");
    }
    sheet.usage(
        plan.appName(),
        "outbound transfer over the instances' allowance",
        "app_platform.outbound_transfer_overage",
        BigDecimal.ZERO,
        "assumed within the bandwidth each instance size includes");
    return sheet
        .assume(
            "DigitalOcean monthly prices are caps over 672 hours: a component that runs all month"
                + " costs its size's monthly price")
        .estimate();
  }
}
