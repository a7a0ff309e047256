package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.gitops.GitAccess;
import s2c.gitops.PathTemplate;
import s2c.server.ApiServer;
import s2c.testing.Canary;
import s2c.testing.TestPaths;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

/** The HTTP API deployment-manager calls, on 127.0.0.1. */
class ApiServerTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  @TempDir Path tmp;
  private ApiServer server;
  private Path remote;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    server =
        new ApiServer(
                new ApiServer.Config(
                    "127.0.0.1",
                    0,
                    TOKEN,
                    256 * 1024,
                    remote.toUri().toString(),
                    "main",
                    new PathTemplate(PathTemplate.DEFAULT),
                    GitAccess.none(),
                    4,
                    java.util.Optional.empty()))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return JsonOutput.mapper().readTree(r.body());
  }

  private static String pickerWheelRequest(Map<String, Object> extra) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("provider", "digitalocean");
    body.put(
        "service_json",
        JsonOutput.mapper()
            .readValue(
                Files.readString(TestPaths.fixture("picker-wheel/.vrooli/service.json")),
                Map.class));
    body.putAll(extra);
    return JsonOutput.write(body);
  }

  @Test
  void healthMatchesVrooliHealthSchema() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode health = json(r);
    assertThat(health.path("status").asString()).isEqualTo("healthy");
    assertThat(health.path("readiness").asBoolean()).isTrue();
    TestPaths.shared()
        .ifPresent(
            shared -> {
              try {
                JsonNode schema =
                    JsonOutput.mapper()
                        .readTree(
                            Files.readString(
                                shared.resolve(
                                    "vrooli-reference/cli/commands/scenario/schemas/health-api.schema.json")));
                assertThat(
                        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                            .getSchema(SchemaLocation.of("urn:health"), schema)
                            .validate(health))
                    .isEmpty();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  @Test
  void providersAndRouting() throws Exception {
    assertThat(json(get("/api/v1/providers")).path("providers").toString())
        .contains("\"id\":\"digitalocean\"", "\"id\":\"kubernetes\"", "\"id\":\"baremetal\"");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/compile").statusCode()).isEqualTo(405);
    assertThat(get("/api/v1/deployments").statusCode()).isEqualTo(400);
  }

  @Test
  void mutatingCallsNeedTheToken() throws Exception {
    assertThat(post("/api/v1/compile", null, "{}").statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/publish", "wrong-token-wrong-token", "{}").statusCode())
        .isEqualTo(401);
    assertThat(post("/api/v1/compile", TOKEN, "not json").statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/compile", TOKEN, "{\"provider\": \"do\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void oversizedRequestsAreRefused() throws Exception {
    String huge = "{\"provider\": \"do\", \"pad\": \"" + "x".repeat(300 * 1024) + "\"}";
    HttpResponse<String> r = post("/api/v1/compile", TOKEN, huge);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).path("error").asString()).contains("over the limit");
    // without a Content-Length (chunked), the cap applies while reading
    HttpRequest chunked =
        HttpRequest.newBuilder(uri("/api/v1/compile"))
            .header("Authorization", "Bearer " + TOKEN)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(huge.getBytes())))
            .build();
    assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(413);
  }

  @Test
  void compileReturnsFilesOrDiagnostics() throws Exception {
    HttpResponse<String> ok = post("/api/v1/compile", TOKEN, pickerWheelRequest(Map.of()));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode body = json(ok);
    assertThat(body.path("files").path("terraform/main.tf").asString())
        .contains("resource \"digitalocean_app\" \"app\"");
    assertThat(body.path("diagnostics").get(0).path("file").asString())
        .isEqualTo("scenario/.vrooli/service.json");

    HttpResponse<String> bad =
        post(
            "/api/v1/compile",
            TOKEN,
            JsonOutput.write(
                Map.of(
                    "provider",
                    "do",
                    "bundle",
                    JsonOutput.mapper()
                        .readValue(
                            Files.readString(TestPaths.fixture("bad/no-image.json")), Map.class))));
    assertThat(bad.statusCode()).isEqualTo(422);
    JsonNode d = json(bad).path("diagnostics").get(0);
    assertThat(d.path("code").asString()).isEqualTo("S2C050");
    assertThat(d.path("file").asString()).isEqualTo("bundle.json");
    assertThat(bad.body())
        .doesNotContain(System.getProperty("java.io.tmpdir"))
        .doesNotContain("s2c-api-");
  }

  /**
   * What compile answers, sent back to validate: the same checks as validate DIR, digests included.
   */
  @Test
  void validateChecksARenderLikeValidateDir() throws Exception {
    JsonNode compiled = json(post("/api/v1/compile", TOKEN, pickerWheelRequest(Map.of())));
    Map<String, Object> files = JsonOutput.mapper().convertValue(compiled.path("files"), Map.class);

    HttpResponse<String> clean =
        post("/api/v1/validate", TOKEN, JsonOutput.write(Map.of("files", files, "checks", "fast")));
    assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
    assertThat(clean.body()).doesNotContain("S2C078");

    Map<String, Object> edited = new LinkedHashMap<>(files);
    edited.put("terraform/main.tf", files.get("terraform/main.tf") + "# by hand\n");
    edited.put("notes.txt", "not rendered\n");
    HttpResponse<String> lenient =
        post(
            "/api/v1/validate", TOKEN, JsonOutput.write(Map.of("files", edited, "checks", "fast")));
    assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
    assertThat(json(lenient).path("diagnostics").toString())
        .contains("render/terraform/main.tf", "render/notes.txt", "S2C078");
    HttpResponse<String> strict =
        post(
            "/api/v1/validate",
            TOKEN,
            JsonOutput.write(Map.of("files", edited, "checks", "fast", "strict", true)));
    assertThat(strict.statusCode()).isEqualTo(422);
    assertThat(json(strict).path("ok").asBoolean()).isFalse();

    // the target's own rules run too: an argument the provider does not have
    Map<String, Object> broken = new LinkedHashMap<>(files);
    broken.put(
        "terraform/main.tf",
        ((String) files.get("terraform/main.tf"))
            .replaceFirst(
                "resource \"digitalocean_app\" \"app\" \\{",
                "resource \"digitalocean_app\" \"app\" {\n  colour = \"red\""));
    HttpResponse<String> rules =
        post(
            "/api/v1/validate", TOKEN, JsonOutput.write(Map.of("files", broken, "checks", "fast")));
    assertThat(rules.statusCode()).isEqualTo(422);
    assertThat(rules.body()).contains("S2C072", "colour");

    Map<String, Object> noManifest = new LinkedHashMap<>(files);
    noManifest.remove("s2c-manifest.json");
    assertThat(
            post("/api/v1/validate", TOKEN, JsonOutput.write(Map.of("files", noManifest)))
                .statusCode())
        .isEqualTo(422);
    assertThat(
            post("/api/v1/validate", null, JsonOutput.write(Map.of("files", files))).statusCode())
        .isEqualTo(401);
    assertThat(
            post("/api/v1/validate", TOKEN, JsonOutput.write(Map.of("files", Map.of("../x", "y"))))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void publishUnchangedAndDeploymentsAndConcurrentPublishes() throws Exception {
    HttpResponse<String> first = post("/api/v1/publish", TOKEN, pickerWheelRequest(Map.of()));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first).path("unchanged").asBoolean()).isFalse();
    String commit = json(first).path("commit").asString();
    assertThat(
            json(post("/api/v1/publish", TOKEN, pickerWheelRequest(Map.of())))
                .path("unchanged")
                .asBoolean())
        .isTrue();
    JsonNode deployments = json(get("/api/v1/deployments?scenario=picker-wheel&env=dev"));
    assertThat(deployments.path("deployments")).hasSize(1);
    assertThat(deployments.path("deployments").get(0).path("commit").asString()).isEqualTo(commit);

    // five environments published at once through the API: serialised, none lost
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (String env : new String[] {"qa", "staging", "demo", "perf", "canary"}) {
      HttpRequest r =
          HttpRequest.newBuilder(uri("/api/v1/publish"))
              .header("Authorization", "Bearer " + TOKEN)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      pickerWheelRequest(Map.of("environment", env))))
              .build();
      calls.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> c : calls) {
      assertThat(c.get().statusCode()).as(c.get().body()).isEqualTo(200);
    }
    assertThat(GitFixtures.git(remote, "rev-list", "--count", "main").strip()).isEqualTo("6");
    GitFixtures.assertFsckClean(remote);
  }

  @Test
  void secretCanaryHoldsOverApiResponsesAndCommits() throws Exception {
    // values carrying a secret are refused without echoing it
    HttpResponse<String> refused =
        post(
            "/api/v1/publish",
            TOKEN,
            pickerWheelRequest(
                Map.of(
                    "values",
                    List.of(Map.of("secrets", Map.of("db_password", Canary.numbered(21)))))));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("S2C032").doesNotContain("CANARY-s2c-");

    // a plan whose free-form fields carry canaries publishes, and nothing carries them on
    Map<String, Object> plan =
        Map.of(
            "scenario",
            "picker-wheel",
            "tier",
            "tier-4-saas",
            "secrets",
            List.of(
                Map.of(
                    "resource_name",
                    "openrouter",
                    "secret_key",
                    "OPENROUTER_API_KEY",
                    "required",
                    true,
                    "classification",
                    "service",
                    "handling_strategy",
                    "prompt",
                    "requires_user_input",
                    true,
                    "owner_contact",
                    Canary.numbered(22),
                    "generator_template",
                    Map.of("value", Canary.numbered(23)),
                    "bundle_hints",
                    Map.of("default", Canary.numbered(24)))));
    HttpResponse<String> published =
        post(
            "/api/v1/publish",
            TOKEN,
            pickerWheelRequest(
                Map.of("secrets_plan", plan, "set", List.of("services.api.env.LOG_LEVEL=debug"))));
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    assertThat(published.body()).doesNotContain("CANARY-s2c-");
    String everything = GitFixtures.git(remote, "log", "-p", "--all", "--format=%H%n%B");
    assertThat(everything).contains("OPENROUTER_API_KEY").doesNotContain("CANARY-s2c-");
  }
}
