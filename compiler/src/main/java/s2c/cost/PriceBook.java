package s2c.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's list prices, read from {@code s2c/pricing/<name>.json} on the classpath: every
 * item has a unit, a price, where the figure was read and how sure it is. A figure that is not in
 * the book is never guessed: the line that needs it is {@code unpriced}.
 */
public record PriceBook(String name, String currency, String asOf, Map<String, Price> prices) {
  /**
   * @param confidence {@code primary} (the provider's page or price list), secondary or low
   * @param vcpu of a sized item (a Droplet, an instance size)
   */
  public record Price(
      String id,
      String unit,
      BigDecimal price,
      String source,
      String confidence,
      Optional<BigDecimal> vcpu,
      Optional<BigDecimal> memoryGb) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, PriceBook> LOADED = new ConcurrentHashMap<>();

  public PriceBook {
    prices = java.util.Collections.unmodifiableMap(new TreeMap<>(prices));
  }

  /** The book {@code s2c/pricing/<name>.json}; read once per process. */
  public static PriceBook load(String name) {
    return LOADED.computeIfAbsent(name, PriceBook::read);
  }

  public Optional<Price> find(String id) {
    return Optional.ofNullable(prices.get(id));
  }

  /**
   * The sized items whose id starts with {@code prefix} (Droplets, instance sizes), cheapest first:
   * the ladder a size that fits is picked from.
   */
  public java.util.List<Price> sizes(String prefix) {
    return prices.values().stream()
        .filter(p -> p.id().startsWith(prefix) && p.vcpu().isPresent() && p.memoryGb().isPresent())
        .sorted(java.util.Comparator.comparing(Price::price).thenComparing(Price::id))
        .toList();
  }

  private static Optional<BigDecimal> number(JsonNode node) {
    return node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
  }

  private static PriceBook read(String name) {
    String resource = "s2c/pricing/" + name + ".json";
    try (InputStream in = PriceBook.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("price book " + resource + " is not on the classpath");
      }
      JsonNode root = JSON.readTree(in);
      TreeMap<String, Price> prices = new TreeMap<>();
      root.path("items")
          .properties()
          .forEach(
              e ->
                  prices.put(
                      e.getKey(),
                      new Price(
                          e.getKey(),
                          e.getValue().path("unit").asString(),
                          e.getValue().path("price").decimalValue(),
                          e.getValue().path("source").asString(),
                          e.getValue().path("confidence").asString(),
                          number(e.getValue().path("vcpu")),
                          number(e.getValue().path("memory_gb")))));
      return new PriceBook(
          name, root.path("currency").asString(), root.path("as_of").asString(), prices);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
