package s2c.gitops;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

/**
 * Opens a pull (merge) request through the forge's REST API. The token comes from {@code
 * S2C_FORGE_TOKEN}; the API base from {@code S2C_FORGE_API} (defaults: api.github.com,
 * gitlab.com/api/v4; Gitea has no public default).
 */
public final class ForgeClient {
  public enum Forge {
    github,
    gitlab,
    gitea
  }

  private static final Pattern REPO_PATH =
      Pattern.compile("^(?:[a-z+]+://[^/]+/|[^@/]+@[^:]+:)(.+?)(?:\\.git)?/?$");

  private final Forge forge;
  private final String api;
  private final String token;
  private final String project;

  ForgeClient(Forge forge, String api, String token, String project) {
    this.forge = forge;
    this.api = api.replaceAll("/+$", "");
    this.token = token;
    this.project = project;
  }

  public static ForgeClient fromEnvironment(Forge forge, String repoUrl) throws PublishException {
    String token = System.getenv("S2C_FORGE_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new PublishException("--open-pr needs a token in S2C_FORGE_TOKEN");
    }
    String api = System.getenv("S2C_FORGE_API");
    if (api == null || api.isEmpty()) {
      api =
          switch (forge) {
            case github -> "https://api.github.com";
            case gitlab -> "https://gitlab.com/api/v4";
            case gitea ->
                throw new PublishException(
                    "--open-pr gitea needs the API base in S2C_FORGE_API, e.g. https://gitea.example.com/api/v1");
          };
    }
    return new ForgeClient(forge, api, token, projectOf(repoUrl));
  }

  static String projectOf(String repoUrl) throws PublishException {
    Matcher m = REPO_PATH.matcher(repoUrl);
    if (!m.matches() || !m.group(1).contains("/")) {
      throw new PublishException("cannot tell owner/repository from " + Redaction.redact(repoUrl));
    }
    return m.group(1);
  }

  /** Returns the web URL of the new pull request. */
  public String open(String head, String base, String title, String body) throws PublishException {
    Map<String, Object> payload = new LinkedHashMap<>();
    HttpRequest.Builder request;
    switch (forge) {
      case gitlab -> {
        payload.put("source_branch", head);
        payload.put("target_branch", base);
        payload.put("title", title);
        payload.put("description", body);
        request =
            HttpRequest.newBuilder(
                    URI.create(
                        api
                            + "/projects/"
                            + URLEncoder.encode(project, StandardCharsets.UTF_8)
                            + "/merge_requests"))
                .header("PRIVATE-TOKEN", token);
      }
      case github -> {
        payload.put("title", title);
        payload.put("head", head);
        payload.put("base", base);
        payload.put("body", body);
        request =
            HttpRequest.newBuilder(URI.create(api + "/repos/" + project + "/pulls"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json");
      }
      default -> {
        payload.put("title", title);
        payload.put("head", head);
        payload.put("base", base);
        payload.put("body", body);
        request =
            HttpRequest.newBuilder(URI.create(api + "/repos/" + project + "/pulls"))
                .header("Authorization", "token " + token);
      }
    }
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  request
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.ofString(JsonOutput.write(payload)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new PublishException(
            forge + " refused the pull request: HTTP " + response.statusCode());
      }
      JsonNode json = JsonOutput.mapper().readTree(response.body());
      return json.path(forge == Forge.gitlab ? "web_url" : "html_url").asString("");
    } catch (IOException e) {
      throw new PublishException("cannot reach " + forge + " at " + api, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while opening the pull request");
    }
  }
}
