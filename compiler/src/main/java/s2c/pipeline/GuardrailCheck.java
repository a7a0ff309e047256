package s2c.pipeline;

import java.math.BigDecimal;
import java.util.Optional;
import s2c.cost.CostEstimate;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.model.Deployment;
import s2c.model.Guardrails;
import s2c.model.Service;

/**
 * A render against the values' {@code guardrails}: more replicas than allowed or a region not
 * allowed is an error to fix in values; an estimate over {@code max_monthly_usd} is an error unless
 * the run confirms an amount at least the estimate ({@code --approve-cost}), which the commit then
 * records.
 */
final class GuardrailCheck {
  private GuardrailCheck() {}

  static void check(
      Deployment d,
      Optional<CostEstimate> cost,
      Optional<BigDecimal> approvedCost,
      Diagnostics diagnostics) {
    Guardrails g = d.guardrails();
    g.maxReplicas()
        .ifPresent(
            limit -> {
              for (Service s : d.services()) {
                if (s.replicas() > limit.value()) {
                  diagnostics.error(
                      Codes.GUARDRAIL_EXCEEDED,
                      s.origin(),
                      "service '"
                          + s.id()
                          + "' runs "
                          + s.replicas()
                          + " replicas; guardrails.max_replicas is "
                          + limit.value()
                          + " ("
                          + limit.at().prefix()
                          + ")",
                      "lower services." + s.id() + ".replicas, or raise the limit");
                }
              }
            });
    g.allowRegions()
        .ifPresent(
            limit -> {
              if (d.region().isEmpty() || !limit.value().contains(d.region().get())) {
                diagnostics.error(
                    Codes.GUARDRAIL_EXCEEDED,
                    limit.at(),
                    d.region()
                            .map(r -> "region '" + r + "' is not")
                            .orElse(
                                "no region is set, so the target's default would be used; it is not")
                        + " in guardrails.allow_regions "
                        + limit.value(),
                    "set region to one of " + limit.value());
              }
            });
    if (g.maxMonthlyUsd().isPresent() && cost.isPresent()) {
      Guardrails.Limit<BigDecimal> limit = g.maxMonthlyUsd().get();
      BigDecimal estimate = cost.get().monthlyUsd();
      boolean approved = approvedCost.filter(a -> a.compareTo(estimate) >= 0).isPresent();
      if (estimate.compareTo(limit.value()) > 0 && !approved) {
        diagnostics.error(
            Codes.GUARDRAIL_EXCEEDED,
            limit.at(),
            "the estimate is $"
                + estimate.toPlainString()
                + " a month, over guardrails.max_monthly_usd $"
                + limit.value().stripTrailingZeros().toPlainString()
                + approvedCost
                    .map(
                        a -> " (the approved $" + a.toPlainString() + " is less than the estimate)")
                    .orElse(""),
            "check `cost` line by line; to go ahead, confirm with --approve-cost "
                + estimate.toPlainString()
                + " (recorded in the commit as S2C-Approved-Cost)");
      }
    }
  }
}
