package s2c.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's monthly cost as the render sets it up: list prices × what the render fixes, plus
 * stated usage assumptions. Unpriced lines count as nothing and are listed, never dropped.
 *
 * @param priceBook which book the prices come from (a file name under {@code s2c/pricing/})
 * @param assumptions what the figure takes for granted (hours a month, cluster pricing)
 */
public record CostEstimate(
    String priceBook,
    String currency,
    String pricesAsOf,
    List<CostLine> lines,
    List<String> assumptions) {
  public CostEstimate {
    lines = List.copyOf(lines);
    assumptions = List.copyOf(assumptions);
  }

  /** The sum of every priced, assumed, suggested and given line, in cents. */
  public BigDecimal monthlyUsd() {
    return lines.stream()
        .map(CostLine::monthlyUsd)
        .flatMap(Optional::stream)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
  }

  public List<CostLine> unpriced() {
    return lines.stream().filter(l -> l.basis() == CostLine.Basis.UNPRICED).toList();
  }

  /** The estimate as a Markdown table for a reviewer's README, with its prices' date. */
  public String markdown() {
    StringBuilder out = new StringBuilder("| resource | item | quantity | USD a month | basis |\n");
    out.append("|---|---|---:|---:|---|\n");
    for (CostLine l : lines) {
      out.append("| `")
          .append(l.resource())
          .append("` | ")
          .append(l.kind())
          .append(" | ")
          .append(l.quantity().stripTrailingZeros().toPlainString())
          .append(l.unit().isEmpty() || l.unit().equals("month") ? "" : " " + l.unit())
          .append(" | ")
          .append(l.monthlyUsd().map(BigDecimal::toPlainString).orElse("—"))
          .append(" | ")
          .append(l.basis().wire())
          .append(l.note().isEmpty() ? "" : ": " + l.note())
          .append(" |\n");
    }
    out.append("| **total** | | | **").append(monthlyUsd().toPlainString()).append("** | |\n\n");
    out.append("List prices of the `")
        .append(priceBook)
        .append("` price book as of ")
        .append(pricesAsOf)
        .append(" (each price's source is in it).");
    assumptions.forEach(a -> out.append(" Assumes ").append(a).append('.'));
    return out.toString();
  }

  /** The estimate as JSON-ready maps, in a fixed key order. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("currency", currency);
    json.put("monthly_usd", monthlyUsd());
    json.put("prices_as_of", pricesAsOf);
    json.put("price_book", priceBook);
    List<Map<String, Object>> items = new ArrayList<>();
    for (CostLine l : lines) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("resource", l.resource());
      item.put("kind", l.kind());
      item.put("quantity", l.quantity());
      item.put("unit", l.unit());
      item.put("unit_price", l.unitPrice().orElse(null));
      item.put("monthly_usd", l.monthlyUsd().orElse(null));
      item.put("price_id", l.priceId());
      item.put("basis", l.basis().wire());
      if (!l.note().isEmpty()) {
        item.put("note", l.note());
      }
      items.add(item);
    }
    json.put("items", items);
    json.put("assumptions", assumptions);
    return json;
  }
}
