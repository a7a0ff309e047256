package s2c.gitops;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a publish does to the monthly estimate, read from the {@code cost} of the deployment's
 * {@code s2c-manifest.json} before and after: the totals and each line item's change (an item is
 * its resource and what is billed).
 *
 * @param before empty when the repository held no estimate (a first publish)
 */
public record CostChange(
    Optional<BigDecimal> before,
    BigDecimal after,
    List<Item> items,
    String currency,
    String pricesAsOf) {
  /** One line item's monthly figure before and after (empty: not there). */
  public record Item(String name, Optional<BigDecimal> before, Optional<BigDecimal> after) {
    public BigDecimal delta() {
      return after.orElse(BigDecimal.ZERO).subtract(before.orElse(BigDecimal.ZERO));
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MANIFEST = "s2c-manifest.json";

  public CostChange {
    items = List.copyOf(items);
  }

  /** The change between two renders of a deployment; empty when the new one has no estimate. */
  static Optional<CostChange> between(Map<String, byte[]> before, Map<String, byte[]> after) {
    Optional<JsonNode> next = cost(after.get(MANIFEST));
    if (next.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> previous = cost(before.get(MANIFEST));
    Map<String, BigDecimal> old = previous.map(CostChange::lines).orElse(Map.of());
    Map<String, BigDecimal> now = lines(next.get());
    List<Item> items = new ArrayList<>();
    now.forEach(
        (name, figure) ->
            items.add(new Item(name, Optional.ofNullable(old.get(name)), Optional.of(figure))));
    old.forEach(
        (name, figure) -> {
          if (!now.containsKey(name)) {
            items.add(new Item(name, Optional.of(figure), Optional.empty()));
          }
        });
    return Optional.of(
        new CostChange(
            previous.map(c -> money(c.path("monthly_usd"))),
            money(next.get().path("monthly_usd")),
            items,
            next.get().path("currency").asString("USD"),
            next.get().path("prices_as_of").asString("")));
  }

  /** The rise in percent over {@code before}; empty without a before or from zero. */
  public Optional<BigDecimal> increasePct() {
    return before
        .filter(b -> b.signum() > 0)
        .map(
            b ->
                after
                    .subtract(b)
                    .multiply(BigDecimal.valueOf(100))
                    .divide(b, 1, RoundingMode.HALF_UP));
  }

  /** A Markdown table of the items whose figure changed, and the totals. */
  String toMarkdown() {
    StringBuilder out = new StringBuilder("### Cost (" + currency + " a month)\n\n");
    out.append("| item | before | after | change |\n| --- | ---: | ---: | ---: |\n");
    for (Item item : items) {
      if (item.delta().signum() != 0 || item.before().isEmpty() || item.after().isEmpty()) {
        out.append("| ")
            .append(item.name())
            .append(" | ")
            .append(item.before().map(BigDecimal::toPlainString).orElse("—"))
            .append(" | ")
            .append(item.after().map(BigDecimal::toPlainString).orElse("—"))
            .append(" | ")
            .append(signed(item.delta()))
            .append(" |\n");
      }
    }
    out.append("| **total** | ")
        .append(before.map(BigDecimal::toPlainString).orElse("—"))
        .append(" | ")
        .append(after.toPlainString())
        .append(" | ")
        .append(signed(after.subtract(before.orElse(BigDecimal.ZERO))))
        .append(increasePct().map(p -> " (" + signed(p) + " %)").orElse(""))
        .append(" |\n\n");
    return out.toString();
  }

  /** Dollars and cents, as the estimate wrote them (JSON keeps no trailing zero); 0 when absent. */
  private static BigDecimal money(JsonNode value) {
    return (value.isNumber() ? value.decimalValue() : BigDecimal.ZERO)
        .setScale(2, RoundingMode.HALF_UP);
  }

  private static String signed(BigDecimal value) {
    return (value.signum() > 0 ? "+" : "") + value.toPlainString();
  }

  private static Optional<JsonNode> cost(byte[] manifest) {
    if (manifest == null) {
      return Optional.empty();
    }
    try {
      JsonNode cost = JSON.readTree(manifest).path("cost");
      return cost.isObject() ? Optional.of(cost) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // a hand-edited manifest: validate reports it; no cost to compare
    }
  }

  /** {@code resource: kind} → monthly figure; unpriced items count as 0. */
  private static Map<String, BigDecimal> lines(JsonNode cost) {
    Map<String, BigDecimal> lines = new LinkedHashMap<>();
    for (JsonNode item : cost.path("items")) {
      String name = item.path("resource").asString() + ": " + item.path("kind").asString();
      BigDecimal figure = money(item.path("monthly_usd"));
      lines.merge(name, figure, BigDecimal::add);
    }
    return lines;
  }
}
