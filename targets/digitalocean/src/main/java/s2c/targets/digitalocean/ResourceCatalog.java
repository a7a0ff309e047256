package s2c.targets.digitalocean;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What DigitalOcean offers for each kind of backing resource: a managed database engine, or an
 * official image ({@link s2c.spi.OfficialImages}) to run as a private App Platform service, or
 * nothing (ollama needs a GPU).
 */
final class ResourceCatalog {
  record Managed(
      String clusterEngine,
      String appEngine,
      String defaultVersion,
      String defaultSize,
      List<String> urlEnv,
      boolean hasDatabases) {}

  private static final Map<String, Managed> MANAGED =
      Map.of(
          "postgres",
              new Managed(
                  "pg",
                  "PG",
                  "16",
                  "db-s-1vcpu-1gb",
                  List.of("DATABASE_URL", "POSTGRES_URL"),
                  true),
          "postgresql",
              new Managed(
                  "pg",
                  "PG",
                  "16",
                  "db-s-1vcpu-1gb",
                  List.of("DATABASE_URL", "POSTGRES_URL"),
                  true),
          "redis",
              new Managed("valkey", "VALKEY", "8", "db-s-1vcpu-1gb", List.of("REDIS_URL"), false),
          "valkey",
              new Managed(
                  "valkey",
                  "VALKEY",
                  "8",
                  "db-s-1vcpu-1gb",
                  List.of("REDIS_URL", "VALKEY_URL"),
                  false),
          "mysql",
              new Managed(
                  "mysql",
                  "MYSQL",
                  "8",
                  "db-s-1vcpu-1gb",
                  List.of("DATABASE_URL", "MYSQL_URL"),
                  true),
          "mongodb",
              new Managed(
                  "mongodb", "MONGODB", "7", "db-s-1vcpu-1gb", List.of("MONGODB_URL"), true));

  /** Resources that cannot run on App Platform at all. */
  private static final Map<String, String> UNSUPPORTED =
      Map.of(
          "ollama", "it needs a GPU, which App Platform does not offer",
          "claude-code", "it is a local agent tool, not a network service",
          "vault", "the cloud deployment reads secrets from Terraform variables instead");

  private ResourceCatalog() {}

  private static final java.util.SortedMap<String, s2c.spi.ResourceSupport> DATA =
      java.util.Collections.unmodifiableSortedMap(data());

  /**
   * The catalogue as data, for the SPI (Target.resourceCatalogue) and the placement of resources.
   */
  static java.util.SortedMap<String, s2c.spi.ResourceSupport> asData() {
    return DATA;
  }

  private static java.util.TreeMap<String, s2c.spi.ResourceSupport> data() {
    java.util.TreeMap<String, s2c.spi.ResourceSupport> out = new java.util.TreeMap<>();
    MANAGED.forEach(
        (type, m) ->
            out.put(
                type,
                s2c.spi.ResourceSupport.managed(
                    "DigitalOcean managed "
                        + m.clusterEngine()
                        + " "
                        + m.defaultVersion()
                        + " (digitalocean_database_cluster)")));
    s2c.spi.OfficialImages.all()
        .forEach(
            (type, c) ->
                out.put(
                    type,
                    s2c.spi.ResourceSupport.container(
                        c.image()
                            + " as a private App Platform service"
                            + (c.stateful() ? " (storage is ephemeral)" : ""))));
    UNSUPPORTED.forEach((type, why) -> out.put(type, s2c.spi.ResourceSupport.unsupported(why)));
    out.put(
        s2c.spi.ResourceSupport.ANY_OTHER,
        s2c.spi.ResourceSupport.container(
            "the image given in resources.<name>.image as a private App Platform service; without one, mode: external"));
    return out;
  }

  static Optional<Managed> managed(String type) {
    return Optional.ofNullable(MANAGED.get(type.toLowerCase(Locale.ROOT)));
  }

  static Optional<s2c.spi.OfficialImages.Image> container(String type) {
    return s2c.spi.OfficialImages.of(type);
  }

  static Optional<String> unsupported(String type) {
    return Optional.ofNullable(UNSUPPORTED.get(type.toLowerCase(Locale.ROOT)));
  }
}
