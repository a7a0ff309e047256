package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify} against a deployment stand-in on 127.0.0.1 (the JDK's HTTP server, a free port per
 * run, stopped afterwards): the smoke tests picker-wheel's render carries pass, fail with what was
 * expected and what came back, skip a service whose dependency failed, and report deployment_ready
 * / deployment_health_failed to a telemetry receiver.
 */
class VerifyCommandTest {
  @TempDir Path tmp;

  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private HttpServer app;
  private HttpServer telemetry;
  private Path render;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int status = answers.getOrDefault(path, 404);
          byte[] body = bodies.get(path);
          if (redirects.containsKey(path)) {
            exchange.getResponseHeaders().add("Location", redirects.get(path));
          }
          try {
            Thread.sleep(delays.getOrDefault(path, 0L));
            exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
            if (body != null) {
              exchange.getResponseBody().write(body);
            }
          } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
          } catch (java.io.IOException clientLeft) {
            // verify reads a bounded part of a large body and closes the connection
          } finally {
            exchange.close();
          }
        });
    app.start();
    telemetry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    telemetry.createContext(
        "/api/v1/telemetry/upload",
        exchange -> {
          reports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    telemetry.start();
    CliRun compile =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--provider",
            "do",
            "--checks",
            "fast",
            "--out",
            tmp.toString());
    assertThat(compile.exit()).as(compile.err()).isZero();
    render = tmp.resolve("picker-wheel/cloud/digitalocean");
  }

  @AfterEach
  void stop() {
    app.stop(0);
    telemetry.stop(0);
  }

  private CliRun verify(String... more) {
    String[] args = {
      "verify",
      "--dir",
      render.toString(),
      "--url",
      "http://127.0.0.1:" + app.getAddress().getPort(),
      "--timeout",
      "2s",
      "--report-url",
      "http://127.0.0.1:" + telemetry.getAddress().getPort() + "/api/v1/telemetry/upload"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void aHealthyDeploymentPassesEveryCheckAndIsReportedReady() {
    answers.put("/health", 200); // the UI's health check, public at /
    answers.put("/api", 404); // the API's health is not on its public route: the route answers
    CliRun run = verify("--output=json");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    JsonNode result = YamlOutput.read(run.out());
    assertThat(result.path("ok").asBoolean()).isTrue();
    assertThat(result.path("checks"))
        .extracting(c -> c.path("name").asString())
        .containsExactly("api route", "ui health");
    assertThat(reports).hasSize(1);
    JsonNode report = YamlOutput.read(reports.get(0));
    assertThat(report.path("events").get(0).path("event").asString()).isEqualTo("deployment_ready");
    assertThat(report.path("events").get(0).path("details").path("checks")).hasSize(2);
    assertThat(report.path("scenario_name").asString()).isEqualTo("picker-wheel");
  }

  @Test
  void anUnhealthyServiceIsNamedWithWhatCameBackAndExitsThree() {
    answers.put("/health", 503);
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out())
        .contains("FAIL  ui health", "/health  expected 2xx, got HTTP 503")
        .contains("unhealthy after");
    assertThat(YamlOutput.read(reports.get(0)).path("events").get(0).path("event").asString())
        .isEqualTo("deployment_health_failed");
  }

  /** A 2xx whose body, in Vrooli's health shape, says unhealthy or not ready fails the check. */
  @Test
  void aHealthBodyInVrooliShapeSayingUnhealthyOrNotReadyFails() {
    answers.put("/api", 404);
    answers.put("/health", 200);
    bodies.put(
        "/health",
        ("{\"status\":\"unhealthy\",\"service\":\"ui\",\"timestamp\":\"2026-11-30T00:00:00Z\","
                + "\"readiness\":true}")
            .getBytes(StandardCharsets.UTF_8));
    CliRun unhealthy = verify();
    assertThat(unhealthy.exit()).isEqualTo(3);
    assertThat(unhealthy.out()).contains("got HTTP 200, its health says status: unhealthy");
    bodies.put(
        "/health", "{\"status\":\"healthy\",\"readiness\":false}".getBytes(StandardCharsets.UTF_8));
    assertThat(verify().out()).contains("its health says readiness: false");
    bodies.put(
        "/health", "{\"status\":\"degraded\",\"readiness\":true}".getBytes(StandardCharsets.UTF_8));
    assertThat(verify().exit()).as("degraded still serves").isZero();
  }

  /** A 50 MB answer is read only as far as a health answer can go; credentials are not echoed. */
  @Test
  void aRedirectLoopFailsTheRouteNamingTheCircle() {
    answers.put("/api", 302);
    redirects.put("/api", "/api/");
    answers.put("/api/", 301);
    redirects.put("/api/", "http://127.0.0.1:" + app.getAddress().getPort() + "/api");
    answers.put("/health", 200);
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    String base = "http://127.0.0.1:" + app.getAddress().getPort();
    assertThat(run.out())
        .contains(
            "FAIL  api route  "
                + base
                + "/api  expected not-5xx, got HTTP 302 to /api/, a redirect loop: "
                + base
                + "/api → "
                + base
                + "/api/ → "
                + base
                + "/api");
  }

  @Test
  void aHealthCheckAnsweringAfterItsTimeoutFailsNamingTheTimeout() {
    answers.put("/api", 404);
    answers.put("/health", 200);
    delays.put("/health", 4_000L); // the UI's health check allows 3 s
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("FAIL  ui health", "got no answer within 3000 ms");
  }

  @Test
  void anUnreachableHostAndANameThatDoesNotResolveAreNamed() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    CliRun refused =
        CliRun.of(
            "verify",
            "--dir",
            render.toString(),
            "--url",
            "http://127.0.0.1:" + closed,
            "--timeout",
            "2s");
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.out()).contains("FAIL  api route", "got ConnectException");
    // .invalid never resolves (RFC 2606)
    CliRun unresolved =
        CliRun.of(
            "verify",
            "--dir",
            render.toString(),
            "--url",
            "http://s2c-verify-test.invalid",
            "--timeout",
            "2s");
    assertThat(unresolved.exit()).isEqualTo(3);
    assertThat(unresolved.out())
        .contains("FAIL  api route", "got DNS: s2c-verify-test.invalid does not resolve");
  }

  @Test
  void aHugeBodyIsReadBoundedAndCredentialsInTheUrlAreNeverEchoed() {
    answers.put("/api", 404);
    answers.put("/health", 200);
    bodies.put("/health", new byte[50 * 1024 * 1024]);
    String secret = "s3cr3t-" + System.nanoTime();
    CliRun run =
        CliRun.of(
            "verify",
            "--dir",
            render.toString(),
            "--url",
            "http://user:" + secret + "@127.0.0.1:" + app.getAddress().getPort(),
            "--timeout",
            "5s");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain(secret);
    assertThat(run.err()).contains("the credentials in the URL are not used");
  }

  /**
   * An https deployment whose certificate the JVM does not trust (self-signed, made here with the
   * JDK's keytool) fails with the TLS error named; its plain-http port does not redirect.
   */
  @Test
  void aSelfSignedCertificateFailsTheChecksThatMeetIt() throws Exception {
    Path keystore = tmp.resolve("tls.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "s2c",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "1")
            .redirectErrorStream(true)
            .start();
    String made = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(made).isZero();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    com.sun.net.httpserver.HttpsServer https =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    https.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    https.start();
    try {
      CliRun run =
          CliRun.of(
              "verify",
              "--dir",
              render.toString(),
              "--url",
              "https://127.0.0.1:" + https.getAddress().getPort(),
              "--timeout",
              "2s");
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
      assertThat(run.out())
          .contains("FAIL  api route", "got TLS: ")
          .contains("FAIL  https redirect");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aServiceWhoseDependencyFailedIsNotChecked() {
    answers.put("/api", 502);
    answers.put("/health", 200);
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out())
        .contains("FAIL  api route", "got HTTP 502")
        .contains("FAIL  ui health", "not run: it depends on api, which failed");
  }

  /**
   * Unhealthy with --rollback-on-failure: the previous deployment comes back as a new commit with
   * the reason in a trailer, reported as deployment_rolled_back; the exit code stays 3.
   */
  @Test
  void anUnhealthyReleaseIsRolledBackToThePreviousDeployment() throws Exception {
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    String url = repo.toUri().toString();
    Path out = tmp.resolve("published");
    for (String replicas : new String[] {"1", "2"}) {
      CliRun publish =
          CliRun.of(
              "publish",
              "--scenario-dir",
              TestPaths.fixture("picker-wheel").toString(),
              "--provider",
              "do",
              "--set",
              "services.api.replicas=" + replicas,
              "--repo",
              url,
              "--out",
              out.toString());
      assertThat(publish.exit()).as(publish.err()).isZero();
    }
    String first = GitFixtures.git(repo, "rev-parse", "main~1").strip();
    render = out.resolve("picker-wheel/cloud/digitalocean");
    answers.put("/health", 500);
    // dev: the render plans a rollback on failure (prod does not, unless guardrails.auto_rollback)
    CliRun run = verify("--rollback-as-planned", "--repo", url, "--output=json");
    assertThat(run.exit()).as(run.err()).isEqualTo(3);
    JsonNode result = YamlOutput.read(run.out());
    assertThat(result.path("rollback").path("restored").asString()).isEqualTo(first);
    String message = GitFixtures.git(repo, "log", "-1", "--format=%B", "main");
    assertThat(message).contains("S2C-Rollback-Reason: health", "S2C-Rollback-To: " + first);
    assertThat(reports)
        .extracting(r -> YamlOutput.read(r).path("events").get(0).path("event").asString())
        .containsExactly("deployment_health_failed", "deployment_rolled_back");
  }

  @Test
  void theBaseUrlComesFromTerraformsOutputsAndProdPlansNoRollback() throws Exception {
    answers.put("/health", 200);
    Path outputs =
        java.nio.file.Files.writeString(
            tmp.resolve("outputs.json"),
            "{\"live_url\": {\"sensitive\": false, \"type\": \"string\", \"value\":"
                + " \"http://127.0.0.1:"
                + app.getAddress().getPort()
                + "\"}}");
    CliRun run = CliRun.of("verify", "--dir", render.toString(), "--outputs", outputs.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("ok    ui health  http://127.0.0.1:" + app.getAddress().getPort());

    CliRun prod =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--values",
            TestPaths.fixture("picker-wheel/values.prod.yaml").toString(),
            "--provider",
            "do",
            "--checks",
            "fast",
            "--out",
            tmp.resolve("prod").toString());
    assertThat(prod.exit()).as(prod.err()).isZero();
    JsonNode plan =
        YamlOutput.read(
            java.nio.file.Files.readString(
                tmp.resolve("prod/picker-wheel/cloud/digitalocean/s2c-verify.json")));
    assertThat(plan.path("rollback_on_failure").asBoolean()).isFalse();
    assertThat(plan.path("domain").asString()).isEqualTo("wheel.example.com");
  }

  @Test
  void aDirectoryWithoutSmokeTestsIsAUsageError() {
    CliRun run = CliRun.of("verify", "--dir", tmp.toString(), "--url", "http://127.0.0.1:1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("has no s2c-verify.json");
  }
}
