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
    int maxAttempts,
    ChangeGate gate) {

  /** With nothing that may stop the change. */
  public PublishRequest(
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
    this(
        repoUrl,
        branch,
        baseBranch,
        path,
        tree,
        subject,
        body,
        trailers,
        access,
        maxAttempts,
        ChangeGate.NONE);
  }

  /** The same publish, refused when {@code gate} refuses its change. */
  public PublishRequest withGate(ChangeGate newGate) {
    return new PublishRequest(
        repoUrl,
        branch,
        baseBranch,
        path,
        tree,
        subject,
        body,
        trailers,
        access,
        maxAttempts,
        newGate);
  }

  /** The same publish with one more trailer in its commit message. */
  public PublishRequest withTrailer(String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(trailers);
    more.put(key, value);
    return new PublishRequest(
        repoUrl, branch, baseBranch, path, tree, subject, body, more, access, maxAttempts, gate);
  }

  /**
   * The request every publish of a compiled deployment makes (CLI and HTTP API alike): the
   * directory from {@code template}, the commit subject, and the trailers history and rollback read
   * back.
   */
  public static PublishRequest forDeployment(
      s2c.model.Deployment d,
      String provider,
      RenderedTree tree,
      String repoUrl,
      String branch,
      String baseBranch,
      PathTemplate template,
      Optional<String> body,
      GitAccess access,
      int maxAttempts) {
    return new PublishRequest(
        repoUrl,
        branch,
        baseBranch,
        path(template, d, provider),
        tree,
        "Deploy "
            + d.scenario()
            + " "
            + d.appVersion()
            + " to "
            + provider
            + " ("
            + d.environment()
            + ")",
        body,
        Trailers.of(
            d.scenario(),
            d.environment(),
            provider,
            d.inputDigest(),
            s2c.pipeline.CompilerVersion.VERSION),
        access,
        maxAttempts);
  }

  /**
   * The deployment's directory: a template with {@code {tenant}} takes the deployment's tenant (a
   * values file's {@code tenant.id}, or a fan-out's).
   */
  public static String path(PathTemplate template, s2c.model.Deployment d, String provider) {
    if (!template.hasTenant()) {
      return template.expand(d.scenario(), d.environment(), provider);
    }
    String tenant =
        d.tenant()
            .map(s2c.model.Deployment.Tenant::id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the path template "
                            + template.template()
                            + " has {tenant}: publish with --tenants, or set tenant.id in the values"));
    return template.expand(d.scenario(), tenant, d.environment(), provider);
  }

  public PublishRequest {
    trailers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trailers));
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
