package s2c.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a target fills in from its plan, line by line, to make a {@link CostEstimate}. Each kind of
 * line says how its figure is reached, so a reader can redo the sum.
 */
public final class CostSheet {
  /** The hours in a month of a price that runs all month (what cloud calculators use). */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  private final PriceBook book;
  private final List<CostLine> lines = new ArrayList<>();
  private final List<String> assumptions = new ArrayList<>();

  public CostSheet(PriceBook book) {
    this.book = book;
  }

  /** {@code count} × a monthly list price (a size priced as a cap over a month). */
  public CostSheet perMonth(
      String resource, String kind, String priceId, BigDecimal count, String note) {
    return priced(resource, kind, priceId, count, BigDecimal.ONE, CostLine.Basis.PRICED, note);
  }

  /** {@code count} × an hourly list price × 730 hours (running all month). */
  public CostSheet perHour(
      String resource, String kind, String priceId, BigDecimal count, String note) {
    return priced(resource, kind, priceId, count, HOURS_PER_MONTH, CostLine.Basis.PRICED, note);
  }

  /** A usage-based price × an assumed monthly quantity, stated in the note. */
  public CostSheet usage(
      String resource, String kind, String priceId, BigDecimal assumed, String assumption) {
    return priced(
        resource, kind, priceId, assumed, BigDecimal.ONE, CostLine.Basis.ASSUMPTION, assumption);
  }

  /** A monthly price the tool suggests (not something the render creates). */
  public CostSheet suggestion(String resource, String kind, String priceId, String note) {
    return priced(
        resource, kind, priceId, BigDecimal.ONE, BigDecimal.ONE, CostLine.Basis.SUGGESTION, note);
  }

  /** A monthly figure the user gave in values. */
  public CostSheet given(String resource, String kind, BigDecimal monthlyUsd, String setting) {
    lines.add(
        new CostLine(
            resource,
            kind,
            BigDecimal.ONE,
            "month",
            Optional.of(monthlyUsd),
            Optional.of(monthlyUsd.setScale(2, RoundingMode.HALF_UP)),
            setting,
            CostLine.Basis.GIVEN,
            ""));
    return this;
  }

  /** Something the render creates whose price is not known: listed, counted as nothing. */
  public CostSheet unpriced(
      String resource, String kind, String priceId, BigDecimal count, String note) {
    lines.add(
        new CostLine(
            resource,
            kind,
            count,
            "",
            Optional.empty(),
            Optional.empty(),
            priceId,
            CostLine.Basis.UNPRICED,
            note));
    return this;
  }

  public CostSheet assume(String assumption) {
    assumptions.add(assumption);
    return this;
  }

  public CostEstimate estimate() {
    return new CostEstimate(book.name(), book.currency(), book.asOf(), lines, assumptions);
  }

  private CostSheet priced(
      String resource,
      String kind,
      String priceId,
      BigDecimal count,
      BigDecimal hours,
      CostLine.Basis basis,
      String note) {
    Optional<PriceBook.Price> price = book.find(priceId);
    if (price.isEmpty()) {
      return unpriced(resource, kind, priceId, count, note);
    }
    BigDecimal quantity = count.multiply(hours);
    lines.add(
        new CostLine(
            resource,
            kind,
            quantity,
            price.get().unit(),
            Optional.of(price.get().price()),
            Optional.of(quantity.multiply(price.get().price()).setScale(2, RoundingMode.HALF_UP)),
            priceId,
            basis,
            note));
    return this;
  }
}
