package s2c.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pinned official images of backing resources a cloud target can run next to the app when it
 * has no managed equivalent: one list, so every target runs the same version the same way.
 */
public final class OfficialImages {
  /**
   * An official image run as a private service. {@code rootPasswordEnv}: the image's own admin
   * password variable, which must never keep the image's default (a generated secret fills it);
   * {@code stateful}: it keeps data a platform without volumes would lose on every redeploy.
   */
  public record Image(
      String image,
      int port,
      String urlEnv,
      String scheme,
      List<String> command,
      Optional<String> rootUserEnv,
      Optional<String> rootPasswordEnv,
      boolean stateful) {}

  private static final Map<String, Image> IMAGES =
      Map.of(
          "qdrant",
              new Image(
                  "qdrant/qdrant:v1.13.4",
                  6333,
                  "QDRANT_URL",
                  "http",
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  false),
          "n8n",
              new Image(
                  "n8nio/n8n:1.85.4",
                  5678,
                  "N8N_URL",
                  "http",
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  false),
          "minio",
              new Image(
                  "minio/minio:RELEASE.2025-04-22T22-12-26Z",
                  9000,
                  "MINIO_ENDPOINT",
                  "http",
                  List.of("minio", "server", "/data"),
                  Optional.of("MINIO_ROOT_USER"),
                  Optional.of("MINIO_ROOT_PASSWORD"),
                  true),
          "redis-stack",
              new Image(
                  "redis/redis-stack-server:7.4.0-v3",
                  6379,
                  "REDIS_URL",
                  "redis",
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  false));

  private OfficialImages() {}

  public static Optional<Image> of(String type) {
    return Optional.ofNullable(IMAGES.get(type.toLowerCase(Locale.ROOT)));
  }

  /** The types with an image, for catalogues. */
  public static Map<String, Image> all() {
    return IMAGES;
  }
}
