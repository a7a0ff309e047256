package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.hcl.HclParser;
import s2c.hcl.ParsedHcl;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 8, item 7: a second apply of the same inputs changes nothing. App Platform hands SECRET env
 * values back as {@code EV[...]} ciphertext, so the render ignores the env of the components that
 * hold secrets and deploy.sh keeps it current through the App Platform API. The rendered deploy.sh
 * runs here against a stand-in App Platform API that encrypts SECRET values the way the real one
 * does, with {@code terraform} replaced by a script that answers the outputs deploy.sh reads (the
 * provider cannot be downloaded here, so a real plan is not possible).
 */
class DigitalOceanEnvSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "do-token-" + System.nanoTime();
  private static final String SECRET = "stripe-canary-" + System.nanoTime();

  @TempDir Path tmp;
  private HttpServer api;
  private final AtomicReference<ObjectNode> spec = new AtomicReference<>();
  private final List<String> puts = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private volatile String phase = "ACTIVE";

  /** When set, the deployments list App Platform answers (newest first). */
  private volatile String deployments;

  private final List<String> rollbacks = new ArrayList<>();
  private Path deployDir;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        s2c.write.Executables.onPath("jq").isPresent()
            && s2c.write.Executables.onPath("curl").isPresent(),
        "jq and curl are needed to run deploy.sh");
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.prod.yaml").toString(),
            "--provider",
            "do",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    deployDir = tmp.resolve("out/ledger/cloud/digitalocean");
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/v2/apps/app-1",
        exchange -> {
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          String path = exchange.getRequestURI().getPath();
          byte[] body;
          if (path.endsWith("/deployments")) {
            body =
                (deployments != null
                        ? deployments
                        : "{\"deployments\":[{\"id\":\"d\",\"phase\":\"" + phase + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
          } else if (path.endsWith("/rollback")) {
            rollbacks.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            deployments = "{\"deployments\":[{\"id\":\"d4\",\"phase\":\"ACTIVE\"}]}";
            body = "{\"deployment\":{\"id\":\"d4\"}}".getBytes(StandardCharsets.UTF_8);
          } else if (exchange.getRequestMethod().equals("PUT")) {
            String sent =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            puts.add(sent);
            spec.set(encrypted((ObjectNode) JSON.readTree(sent).get("spec")));
            body =
                JSON.writeValueAsBytes(
                    JSON.createObjectNode()
                        .set("app", JSON.createObjectNode().set("spec", spec.get())));
          } else {
            body =
                JSON.writeValueAsBytes(
                    JSON.createObjectNode()
                        .set("app", JSON.createObjectNode().set("spec", spec.get())));
          }
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop(0);
    }
  }

  @Test
  void theRenderIgnoresEveryEnvSetHoldingASecretAndGivesItADigest() throws Exception {
    ParsedHcl.Body main = HclParser.parse(Files.readString(deployDir.resolve("terraform/main.tf")));
    ParsedHcl.Block app =
        main.blocks().stream()
            .filter(b -> b.labels().equals(List.of("digitalocean_app", "app")))
            .findFirst()
            .orElseThrow();
    ParsedHcl.Block lifecycle =
        app.body().blocks().stream()
            .filter(b -> b.type().equals("lifecycle"))
            .findFirst()
            .orElseThrow();
    List<String> ignored = lifecycle.body().attributes().get(0).value().traversals();
    // api (service 0), its migration (job 0) and the worker hold secrets; web (service 1) holds
    // none and stays managed
    assertThat(ignored)
        .containsExactly("spec[0].service[0].env", "spec[0].job[0].env", "spec[0].worker[0].env");
    String text = Files.readString(deployDir.resolve("terraform/main.tf"));
    // a binding is a reference, not a value: GENERAL, so App Platform returns it as written
    assertThat(text)
        .doesNotContainPattern(
            "value = \"\\$\\$\\{postgres\\.DATABASE_URL}\"\\s+scope = \"RUN_TIME\"\\s+type  = \"SECRET\"");
  }

  @Test
  void validationFailsAnEnvSetTerraformWouldDiffForeverOrNeverSync() throws Exception {
    Path main = deployDir.resolve("terraform/main.tf");
    String text = Files.readString(main);
    // today's output before the fix: the secret envs compared on every plan
    Files.writeString(
        main,
        text.replace(
            "ignore_changes = [spec[0].service[0].env, spec[0].job[0].env, spec[0].worker[0].env]",
            "ignore_changes = [spec[0].job[0].env, spec[0].worker[0].env]"));
    CliRun perpetual = CliRun.of("validate", deployDir.toString());
    assertThat(perpetual.exit()).isEqualTo(1);
    assertThat(perpetual.err())
        .contains("error[S2C092]: the env of service 'api' holds a SECRET value");
    // an ignored env that deploy.sh cannot see (no digest) would never receive a rotated secret
    Files.writeString(main, text.replaceFirst("key   = \"S2C_ENV_DIGEST\"", "key   = \"OTHER\""));
    CliRun unsynced = CliRun.of("validate", deployDir.toString());
    assertThat(unsynced.exit()).isEqualTo(1);
    assertThat(unsynced.err())
        .contains("error[S2C092]: Terraform ignores the env of service 'api'");
    // the synced env is what deploy.sh writes: a literal secret there is refused like one in an env
    // block
    Files.writeString(main, text.replaceFirst("value = var.stripe_key", "value = \"hunter2\""));
    CliRun literal = CliRun.of("validate", deployDir.toString());
    assertThat(literal.exit()).isEqualTo(1);
    assertThat(literal.err())
        .contains(
            "error[S2C079]: SECRET env 'STRIPE_API_KEY' does not come from a sensitive variable");
  }

  @Test
  void validationFailsAnAppWhosePostgresUserIsNeverGrantedOrGrantedTooLate() throws Exception {
    Path main = deployDir.resolve("terraform/main.tf");
    String text = Files.readString(main);
    assertThat(text)
        .contains(
            "GRANT ALL ON SCHEMA public TO \\\"ledger_app\\\"",
            "depends_on = [digitalocean_app.db_grants]");
    Files.writeString(main, text.replace("depends_on = [digitalocean_app.db_grants]", ""));
    CliRun early = CliRun.of("validate", deployDir.toString());
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.err())
        .contains(
            "error[S2C093]: digitalocean_app.app does not depend on digitalocean_app.db_grants");
    Files.writeString(
        main, text.replace("GRANT ALL ON SCHEMA public", "GRANT USAGE ON SCHEMA public"));
    CliRun never = CliRun.of("validate", deployDir.toString());
    assertThat(never.exit()).isEqualTo(1);
    assertThat(never.err())
        .contains("error[S2C093]: digitalocean_app.app connects to PostgreSQL as 'ledger_app'");
  }

  @Test
  void aSecondApplyWritesNothingAndAChangedValueIsWrittenOnce() throws Exception {
    spec.set(initialSpec("created-digest"));
    fakeTerraform(
        Map.of("api", "d-api-1", "api-migrate-20240601", "d-job-1", "reconciler", "d-worker-1"));

    Result first = deploy();
    assertThat(first.exit).as(first.out).isZero();
    assertThat(puts).hasSize(1);
    JsonNode sent = JSON.readTree(puts.get(0)).get("spec");
    JsonNode apiEnv = component(sent, "services", "api").get("envs");
    assertThat(apiEnv.toString())
        .contains(
            "\"key\":\"STRIPE_API_KEY\"",
            SECRET,
            "\"key\":\"S2C_ENV_DIGEST\",\"value\":\"d-api-1\"");
    assertThat(apiEnv.toString()).contains("\"scope\":\"RUN_TIME\"");
    // what the spec holds besides those env sets is sent back untouched
    assertThat(component(sent, "services", "web"))
        .isEqualTo(component(initialSpec("x"), "services", "web"));
    assertThat(sent.get("ingress")).isEqualTo(initialSpec("x").get("ingress"));
    assertThat(authorizations).allMatch(("Bearer " + TOKEN)::equals);
    assertThat(first.out)
        .doesNotContain(SECRET, TOKEN)
        .contains("writing the env of api reconciler api-migrate-20240601");

    Result second = deploy();
    assertThat(second.exit).as(second.out).isZero();
    assertThat(puts).as("an unchanged env is not written again").hasSize(1);
    assertThat(second.out).contains("env of the app: unchanged");

    // a rotated secret of the worker only: one write, and only the worker's env changes
    fakeTerraform(
        Map.of("api", "d-api-1", "api-migrate-20240601", "d-job-1", "reconciler", "d-worker-2"));
    JsonNode before = spec.get().deepCopy();
    Result third = deploy();
    assertThat(third.exit).as(third.out).isZero();
    assertThat(puts).hasSize(2);
    JsonNode after = JSON.readTree(puts.get(1)).get("spec");
    assertThat(component(after, "services", "api")).isEqualTo(component(before, "services", "api"));
    assertThat(component(after, "workers", "reconciler").get("envs").toString())
        .contains("d-worker-2");
  }

  @Test
  void aFailedDeploymentOfTheNewEnvFailsTheRun() throws Exception {
    spec.set(initialSpec("created-digest"));
    fakeTerraform(
        Map.of("api", "d-api-1", "api-migrate-20240601", "d-job-1", "reconciler", "d-worker-1"));
    phase = "ERROR";
    Result run = deploy();
    assertThat(run.exit).as(run.out).isNotZero();
    assertThat(run.out).contains("deployment: ERROR");
  }

  /**
   * {@code deploy.sh rollback}: App Platform's own rollback to the newest deployment that was live
   * before (SUPERSEDED), committed at once (skip_pin), then waited for; no secret is needed.
   */
  @Test
  void rollbackAsksAppPlatformForTheLastLiveDeploymentAndWaitsForIt() throws Exception {
    fakeTerraform(Map.of());
    deployments =
        "{\"deployments\":[{\"id\":\"d3\",\"phase\":\"ERROR\"},"
            + "{\"id\":\"d2\",\"phase\":\"SUPERSEDED\"},{\"id\":\"d1\",\"phase\":\"SUPERSEDED\"}]}";
    Result r = deploy("rollback", false);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("rolling the app back to deployment d2", "deployment: ACTIVE");
    assertThat(rollbacks).hasSize(1);
    JsonNode sent = JSON.readTree(rollbacks.get(0));
    assertThat(sent.path("deployment_id").asText()).isEqualTo("d2");
    assertThat(sent.path("skip_pin").asBoolean()).isTrue();
    assertThat(authorizations).allMatch(a -> a.equals("Bearer " + TOKEN));

    deployments = "{\"deployments\":[{\"id\":\"d1\",\"phase\":\"ACTIVE\"}]}";
    Result none = deploy("rollback", false);
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out()).contains("no earlier live deployment");
  }

  private record Result(int exit, String out) {}

  private Result deploy() throws Exception {
    return deploy("apply", true);
  }

  private Result deploy(String action, boolean withSecrets) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", deployDir.resolve("deploy.sh").toString(), action)
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", tmp.resolve("bin") + ":" + env.get("PATH"));
    env.put("DIGITALOCEAN_TOKEN", TOKEN);
    env.put("DIGITALOCEAN_API_URL", "http://127.0.0.1:" + api.getAddress().getPort());
    env.put("SPACES_ACCESS_KEY_ID", "k");
    env.put("SPACES_SECRET_ACCESS_KEY", "s");
    if (withSecrets) {
      env.put("TF_VAR_stripe_key", SECRET);
    }
    env.put("S2C_DEPLOY_POLL", "0");
    env.put("S2C_DEPLOY_TIMEOUT", "5");
    Process p = pb.start();
    // read on another thread so the timeout fires even when the script hangs with its output open
    java.util.concurrent.CompletableFuture<byte[]> out =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getInputStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            });
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("deploy.sh did not finish in 60 s");
    }
    return new Result(
        p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
  }

  /**
   * A terraform that does nothing but answer the outputs deploy.sh reads, as Terraform prints them.
   */
  private void fakeTerraform(Map<String, String> digests) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    ObjectNode env = JSON.createObjectNode();
    for (String component : digests.keySet()) {
      ArrayNode list = env.putArray(component);
      list.addObject().put("key", "PORT").put("type", "GENERAL").put("value", "8080");
      list.addObject().put("key", "STRIPE_API_KEY").put("type", "SECRET").put("value", SECRET);
    }
    Files.writeString(tmp.resolve("synced_env.json"), JSON.writeValueAsString(env));
    Files.writeString(tmp.resolve("synced_env_digest.json"), JSON.writeValueAsString(digests));
    Path script = bin.resolve("terraform");
    Files.writeString(
        script,
        """
        #!/usr/bin/env bash
        set -euo pipefail
        case "$1 ${2:-} ${3:-}" in
          "output -raw app_id") printf 'app-1' ;;
          "output -json synced_env") cat '%1$s/synced_env.json' ;;
          "output -json synced_env_digest") cat '%1$s/synced_env_digest.json' ;;
          init*|plan*|apply*) echo "terraform $*" ;;
          *) echo "unexpected terraform $*" >&2; exit 9 ;;
        esac
        """
            .formatted(tmp));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * The spec App Platform holds after Terraform created the app: secrets encrypted, digests as
   * created.
   */
  private static ObjectNode initialSpec(String digest) {
    ObjectNode spec = JSON.createObjectNode().put("name", "ledger-prod").put("region", "nyc");
    ArrayNode services = spec.putArray("services");
    ObjectNode api = services.addObject().put("name", "api").put("http_port", 8080);
    api.putArray("envs")
        .addObject()
        .put("key", "STRIPE_API_KEY")
        .put("value", "EV[1:abc]")
        .put("scope", "RUN_TIME")
        .put("type", "SECRET");
    ((ArrayNode) api.get("envs"))
        .addObject()
        .put("key", "S2C_ENV_DIGEST")
        .put("value", digest)
        .put("scope", "RUN_TIME")
        .put("type", "GENERAL");
    services
        .addObject()
        .put("name", "web")
        .put("http_port", 3000)
        .putArray("envs")
        .addObject()
        .put("key", "PORT")
        .put("value", "3000")
        .put("scope", "RUN_TIME")
        .put("type", "GENERAL");
    spec.putArray("jobs").addObject().put("name", "api-migrate-20240601").put("kind", "PRE_DEPLOY");
    spec.putArray("workers").addObject().put("name", "reconciler");
    spec.putObject("ingress")
        .putArray("rules")
        .addObject()
        .putObject("match")
        .putObject("path")
        .put("prefix", "/");
    return spec;
  }

  /** What App Platform stores: SECRET values replaced by ciphertext. */
  private static ObjectNode encrypted(ObjectNode spec) {
    for (String kind : List.of("services", "workers", "jobs")) {
      if (spec.get(kind) instanceof ArrayNode components) {
        for (JsonNode c : components) {
          if (c.get("envs") instanceof ArrayNode envs) {
            for (JsonNode e : envs) {
              if ("SECRET".equals(e.path("type").asString())) {
                ((ObjectNode) e)
                    .put(
                        "value",
                        "EV[1:" + Integer.toHexString(e.path("value").asString().hashCode()) + "]");
              }
            }
          }
        }
      }
    }
    return spec;
  }

  private static JsonNode component(JsonNode spec, String kind, String name) {
    for (JsonNode c : spec.get(kind)) {
      if (c.get("name").asString().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no " + kind + " " + name);
  }
}
