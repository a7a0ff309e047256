package s2c.gitops;

import java.util.Map;
import java.util.Optional;
import s2c.spi.RenderedTree;

/**
 * Put {@code tree} at {@code path} on {@code branch} of {@code repoUrl}. When the branch does not
 * exist yet it starts from {@code baseBranch} (a review branch off main), or as the first commit of
 * an empty repository.
 */
public record PublishRequest(
    String repoUrl,
    String branch,
    String baseBranch,
    String path,
    RenderedTree tree,
    String subject,
    Optional<String> body,
    Map<String, String> trailers,
    GitAccess access,
    int maxAttempts) {

  public PublishRequest {
    trailers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trailers));
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
