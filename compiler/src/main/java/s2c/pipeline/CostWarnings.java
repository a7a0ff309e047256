package s2c.pipeline;

import s2c.cost.CostEstimate;
import s2c.cost.CostLine;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;

/** What an estimate leaves out is said, once per line: an unpriced item is never silently $0. */
final class CostWarnings {
  private CostWarnings() {}

  static void report(CostEstimate cost, String displayRoot, Diagnostics diagnostics) {
    for (CostLine line : cost.unpriced()) {
      diagnostics.warning(
          Codes.COST_UNPRICED,
          SourceLocation.file(displayRoot),
          "the estimate has no price for "
              + line.kind()
              + " of "
              + line.resource()
              + " ("
              + line.priceId()
              + ") and counts it as nothing"
              + (line.note().isEmpty() ? "" : ": " + line.note()),
          "check the provider's price for it; the price book ("
              + cost.priceBook()
              + ", as of "
              + cost.pricesAsOf()
              + ") lists only figures with a source");
    }
  }
}
