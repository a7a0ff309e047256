package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * {@code verify} of a Kubernetes render reads the rollout through the Kubernetes API with the
 * official client. No API server runs here: a recorded API ({@code kube-api/*.json}: responses in
 * the shape the API server, Argo CD and Flux return) is served on 127.0.0.1 (a free port per run),
 * with a kubeconfig pointing at it; a second server stands in for the deployed app.
 */
class KubernetesVerifyTest {
  private static final String APPS = "/apis/apps/v1/namespaces/picker-wheel/";
  private static final String JOBS = "/apis/batch/v1/namespaces/picker-wheel/jobs";
  private static final String ARGO =
      "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/picker-wheel-staging";
  private static final String FLUX =
      "/apis/helm.toolkit.fluxcd.io/v2/namespaces/flux-system/helmreleases/picker-wheel-staging";

  @TempDir Path tmp;

  /** Path → the recorded responses in order; the last one repeats. */
  private final Map<String, Deque<String>> recorded = new ConcurrentHashMap<>();

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer api;
  private HttpServer app;
  private Path render;
  private Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          Deque<String> answers = recorded.get(path);
          String file =
              answers == null
                  ? "not-found.json"
                  : answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
          byte[] body = resource(file);
          int status = YamlOutput.read(new String(body)).path("code").asInt(200);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    app.start();
    kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: recorded
          cluster:
            server: http://127.0.0.1:%d
        users:
        - name: ci
          user:
            token: verify-token-%d
        contexts:
        - name: recorded
          context: {cluster: recorded, user: ci, namespace: picker-wheel}
        current-context: recorded
        """
            .formatted(api.getAddress().getPort(), api.getAddress().getPort()));
    CliRun compile =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--values",
            TestPaths.fixture("picker-wheel/values.kubernetes.yaml").toString(),
            "--images",
            TestPaths.fixture("picker-wheel/images.json").toString(),
            "--provider",
            "kubernetes",
            "--checks",
            "fast",
            "--out",
            tmp.toString());
    assertThat(compile.exit()).as(compile.err()).isZero();
    render = tmp.resolve("picker-wheel/cloud/kubernetes");
    record(APPS + "statefulsets", "statefulsets-ready.json");
  }

  @AfterEach
  void stop() {
    api.stop(0);
    app.stop(0);
  }

  private void record(String path, String... files) {
    recorded.put(path, new ArrayDeque<>(List.of(files)));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = KubernetesVerifyTest.class.getResourceAsStream("/kube-api/" + name)) {
      return in.readAllBytes();
    }
  }

  private CliRun verify() {
    return verify("30s", "json");
  }

  private CliRun verify(String timeout, String output) {
    return CliRun.of(
        "verify",
        "--dir",
        render.toString(),
        "--url",
        "http://127.0.0.1:" + app.getAddress().getPort(),
        "--kubeconfig",
        kubeconfig.toString(),
        "--timeout",
        timeout,
        "--output=" + output);
  }

  private static Map<String, JsonNode> byName(CliRun run) {
    Map<String, JsonNode> checks = new java.util.LinkedHashMap<>();
    YamlOutput.read(run.out())
        .path("checks")
        .forEach(c -> checks.put(c.path("name").asString(), c));
    return checks;
  }

  @Test
  void theRenderSaysWhatToReadFromTheCluster() {
    JsonNode rollout =
        YamlOutput.read(new String(readBytes(render.resolve("s2c-verify.json")))).path("rollout");
    assertThat(rollout.path("namespace").asString()).isEqualTo("picker-wheel");
    assertThat(rollout.path("release").asString()).isEqualTo("picker-wheel");
    assertThat(rollout.path("deployments"))
        .extracting(JsonNode::asString)
        .containsExactly("api", "ui");
    assertThat(rollout.path("stateful_sets"))
        .extracting(JsonNode::asString)
        .containsExactly("n8n", "postgres", "qdrant");
    assertThat(rollout.path("argocd_application").path("name").asString())
        .isEqualTo("picker-wheel-staging");
  }

  @Test
  void aRolloutInProgressIsFollowedUntilEveryObjectIsDone() {
    record(APPS + "deployments", "deployments-rolling.json", "deployments-available.json");
    record(JOBS, "jobs-complete.json");
    record(ARGO, "application-healthy.json");
    CliRun run = verify();
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    Map<String, JsonNode> checks = byName(run);
    assertThat(checks)
        .containsKeys(
            "Deployment picker-wheel-api",
            "Deployment picker-wheel-ui",
            "StatefulSet picker-wheel-n8n",
            "StatefulSet picker-wheel-postgres",
            "StatefulSet picker-wheel-qdrant",
            "Job picker-wheel-api-migrate-schema",
            "Argo CD Application picker-wheel-staging",
            "api route",
            "ui health");
    JsonNode apiCheck = checks.get("Deployment picker-wheel-api");
    assertThat(apiCheck.path("got").asString()).isEqualTo("2 of 2 available at revision 3");
    assertThat(apiCheck.path("attempts").asInt()).isEqualTo(2);
    assertThat(apiCheck.path("url").asString())
        .endsWith(APPS + "deployments/picker-wheel-api")
        .doesNotContain("verify-token");
    // no Flux HelmRelease in this cluster (404): nothing to check, not a failure
    assertThat(checks).doesNotContainKey("Flux HelmRelease picker-wheel-staging");
    // the client sent the kubeconfig's token and selected the release by its instance label
    assertThat(requests)
        .anyMatch(
            r ->
                r.startsWith("GET " + APPS + "deployments?labelSelector=app.kubernetes.io")
                    && r.contains("instance%3Dpicker-wheel")
                    && r.endsWith("Bearer verify-token-" + api.getAddress().getPort()));
    assertThat(run.out()).doesNotContain("verify-token");
  }

  @Test
  void aFailedMigrationJobFailsAtOnceNamingItsCondition() {
    record(APPS + "deployments", "deployments-rolling.json");
    record(JOBS, "jobs-failed.json");
    long started = System.nanoTime();
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    JsonNode job = byName(run).get("Job picker-wheel-api-migrate-schema");
    assertThat(job.path("ok").asBoolean()).isFalse();
    assertThat(job.path("got").asString())
        .isEqualTo(
            "condition Failed=True reason BackoffLimitExceeded: Job has reached the specified backoff limit");
    // a failed object settles the rollout: no waiting for the 30 s deadline
    assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(15);
  }

  @Test
  void aStuckDeploymentAndADegradedApplicationAreNamed() {
    record(APPS + "deployments", "deployments-deadline.json");
    record(JOBS, "jobs-none.json");
    record(ARGO, "application-degraded.json");
    CliRun run = verify("30s", "text");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "FAIL  Deployment picker-wheel-api",
            "got condition Progressing=False reason ProgressDeadlineExceeded: ReplicaSet"
                + " \"picker-wheel-api-7d9f8c6b5\" has timed out progressing.")
        .contains(
            "FAIL  Argo CD Application picker-wheel-staging",
            "got sync Synced, health Degraded: Deployment \"picker-wheel-api\" exceeded its"
                + " progress deadline")
        .contains("ok    Deployment picker-wheel-ui");
  }

  @Test
  void aRolloutStillInProgressAtTheDeadlineSaysWhereItStood() {
    record(APPS + "deployments", "deployments-rolling.json");
    record(JOBS, "jobs-none.json");
    CliRun run = verify("5s", "json");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(byName(run).get("Deployment picker-wheel-api").path("got").asString())
        .isEqualTo("1 of 2 replicas updated to revision 3 at the deadline");
  }

  @Test
  void anApiThatRefusesTheCredentialsFailsWithItsMessage() {
    record(APPS + "deployments", "forbidden.json");
    CliRun run = verify();
    assertThat(run.exit()).isEqualTo(3);
    JsonNode refused = byName(run).get("Kubernetes API");
    assertThat(refused.path("got").asString())
        .startsWith(
            "HTTP 403 deployments.apps is forbidden: User \"system:serviceaccount:ci:verify\"");
    assertThat(refused.path("expected").asString())
        .isEqualTo("read access to namespace picker-wheel");
  }

  @Test
  void anUnreachableApiIsNamedAtTheDeadline() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Files.writeString(
        kubeconfig,
        Files.readString(kubeconfig)
            .replace(":" + api.getAddress().getPort() + "\n", ":" + closed + "\n"));
    CliRun run = verify("3s", "json");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(byName(run).get("Kubernetes API").path("got").asString())
        .startsWith("no answer from the API: java.net.ConnectException")
        .endsWith("at the deadline");
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
