package s2c.chart;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How each backing resource runs in the cluster: pinned official image, port, data path, user. */
final class ResourceImages {
  record Spec(
      String image,
      int port,
      String dataPath,
      int runAsUser,
      List<String> writableDirs,
      List<String> args,
      List<String> urlEnv,
      String urlScheme,
      boolean password,
      String passwordServerEnv,
      boolean needsGpu) {}

  private static final Map<String, Spec> SPECS =
      Map.of(
          "postgres",
              new Spec(
                  "postgres:16.4",
                  5432,
                  "/var/lib/postgresql/data",
                  999,
                  List.of("/var/run/postgresql", "/tmp"),
                  List.of(),
                  List.of("DATABASE_URL", "POSTGRES_URL"),
                  "postgres",
                  true,
                  "POSTGRES_PASSWORD",
                  false),
          "redis",
              new Spec(
                  "redis:7.4.2",
                  6379,
                  "/data",
                  999,
                  List.of("/tmp"),
                  List.of("--appendonly", "yes"),
                  List.of("REDIS_URL"),
                  "redis",
                  false,
                  "",
                  false),
          "qdrant",
              new Spec(
                  "qdrant/qdrant:v1.13.4",
                  6333,
                  "/qdrant/storage",
                  1000,
                  List.of("/qdrant/snapshots", "/tmp"),
                  List.of(),
                  List.of("QDRANT_URL"),
                  "http",
                  false,
                  "",
                  false),
          "n8n",
              new Spec(
                  "n8nio/n8n:1.85.4",
                  5678,
                  "/home/node/.n8n",
                  1000,
                  List.of("/tmp"),
                  List.of(),
                  List.of("N8N_URL"),
                  "http",
                  false,
                  "",
                  false),
          "minio",
              new Spec(
                  "minio/minio:RELEASE.2025-04-22T22-12-26Z",
                  9000,
                  "/data",
                  1000,
                  List.of("/tmp"),
                  List.of("server", "/data"),
                  List.of("MINIO_ENDPOINT"),
                  "http",
                  true,
                  "MINIO_ROOT_PASSWORD",
                  false),
          "ollama",
              new Spec(
                  "ollama/ollama:0.6.2",
                  11434,
                  "/data",
                  1000,
                  List.of("/tmp"),
                  List.of(),
                  List.of("OLLAMA_URL", "OLLAMA_HOST"),
                  "http",
                  false,
                  "",
                  true));

  private ResourceImages() {}

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
    SPECS.forEach(
        (type, spec) ->
            out.put(
                type,
                s2c.spi.ResourceSupport.container(
                    spec.image()
                        + " in the chart"
                        + (spec.dataPath().isEmpty() ? "" : ", data on a PersistentVolumeClaim")
                        + (spec.needsGpu() ? "; needs a GPU node" : ""))));
    // the aliases of(type) accepts
    out.put("postgresql", out.get("postgres"));
    out.put("valkey", out.get("redis"));
    for (String type : List.of("claude-code", "vault")) {
      out.put(type, s2c.spi.ResourceSupport.unsupported(unsupported(type).orElseThrow()));
    }
    out.put(
        s2c.spi.ResourceSupport.ANY_OTHER,
        s2c.spi.ResourceSupport.container(
            "the image given in resources.<name>.image in the chart; without one, mode: external"));
    return out;
  }

  static Optional<Spec> of(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return Optional.ofNullable(
        SPECS.get(t.equals("postgresql") ? "postgres" : t.equals("valkey") ? "redis" : t));
  }

  /** Types that are not network services a cluster can run for the scenario. */
  static Optional<String> unsupported(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "claude-code" -> Optional.of("it is a local agent tool, not a network service");
      case "vault" ->
          Optional.of(
              "the chart reads secrets through External Secrets Operator instead; point secretStore at your Vault");
      default -> Optional.empty();
    };
  }
}
