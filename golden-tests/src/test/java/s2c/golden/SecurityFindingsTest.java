package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2c.gitops.GitAccess;
import s2c.gitops.PublishException;
import s2c.gitops.Redaction;
import s2c.testing.TestPaths;

/**
 * One test (or more) per finding of the adversarial review (issue "Security: input data must never
 * become live code"): each failed on the code before the fix. The injection property tests in
 * {@code s2c.golden.injection} cover findings 1, 2, 4 and 14 field by field.
 */
class SecurityFindingsTest {
  static final String TOKEN = "s2c-test-token-" + UUID.randomUUID();
  @TempDir Path tmp;

  private static String pickerWheel() {
    return TestPaths.fixture("picker-wheel").toString();
  }

  // findings 2, 3, 4, 6: strict fields refuse what would become code in a script, a comment line,
  // a YAML document or a Caddyfile, with the field's location
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "kubernetes|providers:;;  kubernetes:;;    ingress_namespace: \"x\\n---\\nkind: Pod\"|/providers/kubernetes/ingress_namespace",
        "digitalocean|state_backend:;;  type: spaces;;  bucket: tf-state;;  region: nyc3;;  key_prefix: \"a\\nrm -rf /\"|/state_backend/key_prefix",
        "baremetal|providers:;;  baremetal:;;    caddy_email: \"a@b.co\\nimport /etc/passwd\"|/providers/baremetal/caddy_email",
        "baremetal|services:;;  api:;;    env:;;      \"BAD\\nNAME\": x|/services/api/env/BAD\\nNAME",
        "baremetal|providers:;;  baremetal:;;    edge_address: \"example.com {\\n reverse_proxy 169.254.169.254\"|/providers/baremetal/edge_address",
        "kubernetes|providers:;;  kubernetes:;;    storage_class: \"{{ lookup }}\"|/providers/kubernetes/storage_class"
      })
  void strictFieldsRefuseCodeWithTheirLocation(String provider, String yaml, String pointer)
      throws IOException {
    Path values = Files.writeString(tmp.resolve("values.yaml"), yaml.replace(";;", "\n"));
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            pickerWheel(),
            "--provider",
            provider,
            "--values",
            values.toString(),
            "--set",
            "services.api.image=ghcr.io/x/api:1",
            "--set",
            "services.ui.image=ghcr.io/x/ui:1",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("values.yaml:", "error[S2C021]", "(at " + pointer + ")");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void finding2_aVersionOrHealthPathThatIsShellIsRefusedAtItsField() throws IOException {
    String bundle =
        Files.readString(TestPaths.fixture("baremetal-demo/bundle.json"))
            .replace("\"version\": \"1.0.0\"", "\"version\": \"1.0$(touch /tmp/x)\"")
            .replace("\"path\": \"/health\"", "\"path\": \"/health$(id)\"");
    Path file = Files.writeString(tmp.resolve("bundle.json"), bundle);
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            file.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "(at /app/version)",
            "is not a valid version",
            "(at /services/0/health/path)",
            "is not a valid URL path");
  }

  // finding 1 (directly): the Ansible variables are data, tagged !unsafe
  @Test
  void finding1_ansibleVariablesAreTaggedUnsafe() throws IOException {
    CliRun run =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("baremetal-demo/bundle.json").toString(),
            "--provider",
            "baremetal",
            "--set",
            "services.api.env.GREETING={{ lookup('pipe','id') }}",
            "--out",
            tmp.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String vars =
        Files.readString(tmp.resolve("s2c-e2e-demo/cloud/baremetal/ansible/group_vars/all.yml"));
    assertThat(vars).contains("GREETING: !unsafe \"{{ lookup('pipe','id') }}\"");
    // the output rule: a variables file with a plain (templated) string fails validation
    Path file = tmp.resolve("s2c-e2e-demo/cloud/baremetal/ansible/group_vars/all.yml");
    Files.writeString(file, vars.replace("GREETING: !unsafe \"", "GREETING: \""));
    CliRun validate = CliRun.of("validate", tmp.resolve("s2c-e2e-demo/cloud/baremetal").toString());
    assertThat(validate.exit()).isEqualTo(1);
    assertThat(validate.err())
        .contains(
            "ansible/group_vars/all.yml:",
            "error[S2C085]: a string Ansible would evaluate as Jinja");
  }

  // finding 5: compile and validate never contact a cluster, even for a chart whose template calls
  // lookup
  @Test
  void finding5_helmNeverContactsTheClusterOfKubeconfig() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          byte[] body =
              "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"data\":{\"p\":\"c2VjcmV0\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    api.start();
    try {
      Path kubeconfig =
          Files.writeString(
              tmp.resolve("kubeconfig"),
              """
          apiVersion: v1
          kind: Config
          clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
          contexts: [{name: c, context: {cluster: c, user: u}}]
          current-context: c
          users: [{name: u, user: {token: t}}]
          """
                  .formatted(api.getAddress().getPort()));
      Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", tmp.toString());
      Path out = tmp.resolve("out");
      assertThat(
              waitFor(
                      Subprocess.start(
                          env,
                          "compile",
                          "--bundle",
                          TestPaths.fixture("multi-service/bundle.yaml").toString(),
                          "--values",
                          TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                          "--provider",
                          "kubernetes",
                          "--out",
                          out.toString()))
                  .exit)
          .isZero();
      // a hand-edited chart that asks the cluster for a Secret: validate runs Helm on it, offline
      Path chart = out.resolve("ledger/cloud/kubernetes/chart/ledger/templates/probe.yaml");
      Files.writeString(
          chart,
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"s2c.fullname\" . }}-probe\n"
              + "data:\n  leaked: {{ lookup \"v1\" \"Secret\" \"default\" \"db\" | toJson | quote }}\n");
      Result validate =
          waitFor(
              Subprocess.start(env, "validate", out.resolve("ledger/cloud/kubernetes").toString()));
      assertThat(validate.output)
          .contains("S2C085", "probe.yaml is not one of the generic templates")
          .doesNotContain("c2VjcmV0");
      assertThat(requests.get()).as("requests the fake Kubernetes API received").isZero();
    } finally {
      api.stop(0);
    }
  }

  // finding 7: the report credential goes only where the operator said, over https or loopback
  @Test
  void finding7_theReportTokenNeverGoesToTheBundlesUrl() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          received.add(
              ex.getRequestURI().getPath()
                  + " "
                  + Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization"))
                      .orElse("-"));
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    try {
      String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
      String bundle = Files.readString(TestPaths.fixture("baremetal-demo/bundle.json"));
      bundle =
          bundle.replaceFirst(
              "\\{", "{\n  \"telemetry\": { \"upload_url\": \"" + base + "/from-bundle\" },");
      Path file = Files.writeString(tmp.resolve("bundle.json"), bundle);
      String repo = tmp.resolve("infra.git").toUri().toString();
      GitFixtures.bare(tmp.resolve("infra.git")).close();
      Map<String, String> env = Map.of("S2C_REPORT_TOKEN", TOKEN, "HOME", tmp.toString());
      Result fromBundle =
          waitFor(
              Subprocess.start(
                  env,
                  "publish",
                  "--bundle",
                  file.toString(),
                  "--provider",
                  "do",
                  "--repo",
                  repo,
                  "--set",
                  "services.api.image=ghcr.io/x/api:1"));
      assertThat(fromBundle.exit).as(fromBundle.output).isZero();
      assertThat(fromBundle.output).contains("sent without S2C_REPORT_TOKEN");
      Result fromOperator =
          waitFor(
              Subprocess.start(
                  env,
                  "publish",
                  "--bundle",
                  file.toString(),
                  "--provider",
                  "do",
                  "--repo",
                  repo,
                  "--set",
                  "services.api.image=ghcr.io/x/api:2",
                  "--report-url",
                  base + "/operator"));
      assertThat(fromOperator.exit).as(fromOperator.output).isZero();
      assertThat(received).containsExactly("/from-bundle -", "/operator Bearer " + TOKEN);
      assertThat(fromBundle.output + fromOperator.output).doesNotContain(TOKEN);
    } finally {
      receiver.stop(0);
    }
  }

  // finding 8: an env a secret fills never gets a plain value, whatever its case and wherever it
  // comes from
  @Test
  void finding8_secretEnvsRefusePlainValuesCaseInsensitively() throws IOException {
    CliRun lower =
        CliRun.of(
            "compile",
            "--scenario-dir",
            pickerWheel(),
            "--provider",
            "baremetal",
            "--set",
            "services.api.env.postgres_password=hunter2",
            "--out",
            tmp.resolve("a").toString());
    assertThat(lower.exit()).isEqualTo(1);
    assertThat(lower.err())
        .contains("error[S2C032]", "postgres_password", "the password of resource 'postgres'")
        .doesNotContain("hunter2");
    String bundle =
        Files.readString(TestPaths.fixture("baremetal-demo/bundle.json"))
            .replace(
                "\"LOG_LEVEL\": \"info\"", "\"LOG_LEVEL\": \"info\", \"demo_token\": \"in-clear\"");
    Path file = Files.writeString(tmp.resolve("bundle.json"), bundle);
    for (String provider : List.of("baremetal", "digitalocean", "kubernetes")) {
      CliRun run =
          CliRun.of(
              "compile",
              "--bundle",
              file.toString(),
              "--provider",
              provider,
              "--set",
              "services.api.image=ghcr.io/x/a:1",
              "--out",
              tmp.resolve("b-" + provider).toString());
      assertThat(run.exit()).as(provider + ": " + run.err()).isEqualTo(1);
      assertThat(run.err())
          .contains(
              "error[S2C032]", "(at /services/0/env/demo_token)", "secret 'demo_token' fills it");
    }
  }

  // finding 9: slow clients cannot starve the server, and huge inputs are refused quickly
  @Test
  void finding9_serveClosesSlowClientsAndBoundsInputs() throws Exception {
    GitFixtures.bare(tmp.resolve("infra.git")).close();
    int port = freePort();
    Process serve =
        Subprocess.cli(
                Map.of("S2C_API_TOKEN", TOKEN),
                "serve",
                "--port",
                String.valueOf(port),
                "--threads",
                "2",
                "--repo",
                tmp.resolve("infra.git").toUri().toString())
            .redirectOutput(tmp.resolve("serve.log").toFile())
            .start();
    List<Socket> slow = new ArrayList<>();
    try {
      awaitHealth(port);
      for (int i = 0; i < 12; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream()
            .write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
      }
      long start = System.nanoTime();
      HttpResponse<String> health =
          http()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      for (Socket s : slow) {
        s.setSoTimeout(30_000);
        assertThat(s.getInputStream().read())
            .as("the server closes a client that never finishes its request")
            .isEqualTo(-1);
      }
      StringBuilder env = new StringBuilder();
      for (int i = 0; i < 160_000; i++) {
        env.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
      }
      String body =
          "{\"provider\":\"do\",\"bundle_yaml\":"
              + quote(Files.readString(TestPaths.fixture("baremetal-demo/bundle.json")))
              + ",\"values\":[{\"services\":{\"api\":{\"env\":{"
              + env
              + "}}}}]}";
      start = System.nanoTime();
      HttpResponse<String> big = post(port, body);
      assertThat(big.statusCode()).isEqualTo(422);
      assertThat(big.body()).contains("at most 256 properties");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      HttpResponse<String> duplicate = post(port, "{\"provider\":\"do\",\"provider\":\"k8s\"}");
      assertThat(duplicate.statusCode()).isEqualTo(400);
      assertThat(duplicate.body()).contains("duplicate key");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  // finding 10: what used to crash with exit 70 is a located diagnostic or a usage error
  @Test
  void finding10_formerCrashesAreDiagnostics() throws IOException {
    Path big =
        Files.writeString(tmp.resolve("big.yaml"), "services:\n  api:\n    replicas: 1e999999\n");
    CliRun number =
        CliRun.of(
            "compile",
            "--scenario-dir",
            pickerWheel(),
            "--provider",
            "do",
            "--values",
            big.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertThat(number.exit()).isEqualTo(1);
    assertThat(number.err())
        .contains("big.yaml:3:15: error[S2C010]: number 1e999999 is out of range");

    CliRun deepSet =
        CliRun.of(
            "compile",
            "--scenario-dir",
            pickerWheel(),
            "--provider",
            "do",
            "--set",
            "a.".repeat(10_000) + "b=1",
            "--out",
            tmp.resolve("o").toString());
    assertThat(deepSet.exit()).isEqualTo(1);
    assertThat(deepSet.err()).contains("error[S2C040]").hasSizeLessThan(2000);

    Path deep =
        Files.writeString(tmp.resolve("deep.json"), "{\"a\":".repeat(100) + "1" + "}".repeat(100));
    CliRun nested =
        CliRun.of(
            "compile",
            "--scenario-dir",
            pickerWheel(),
            "--provider",
            "do",
            "--values",
            deep.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertThat(nested.exit()).isEqualTo(1);
    assertThat(nested.err()).contains("deep.json:1:", "nests deeper than 64 levels");

    for (String template :
        List.of("..", "a/./b", "{scenario}/./{env}", "x/.git/y", "{scenario}/.GIT")) {
      CliRun run =
          CliRun.of(
              "publish",
              "--scenario-dir",
              pickerWheel(),
              "--provider",
              "do",
              "--path-template",
              template,
              "--repo",
              tmp.resolve("none.git").toUri().toString());
      assertThat(run.exit()).as(template).isEqualTo(2);
      assertThat(run.err()).contains("none of them '.', '..' or '.git'");
    }
    for (String remote : List.of("http://%zz/", "http://", "ftp://host/x", "http://a:99999/x")) {
      CliRun run =
          CliRun.of(
              "publish",
              "--bundle",
              TestPaths.fixture("baremetal-demo/bundle.json").toString(),
              "--provider",
              "do",
              "--set",
              "services.api.image=ghcr.io/x/a:1",
              "--repo",
              remote);
      assertThat(run.exit()).as(remote + ": " + run.err()).isEqualTo(3);
      assertThat(run.err()).doesNotContain("internal error").contains("error: ");
    }
  }

  @Test
  void finding10_servingOnAPortInUseIsAUsageError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Result run =
          waitFor(
              Subprocess.start(
                  Map.of("S2C_API_TOKEN", TOKEN),
                  "serve",
                  "--port",
                  String.valueOf(taken.getLocalPort()),
                  "--repo",
                  tmp.resolve("x.git").toUri().toString()));
      assertThat(run.exit).isEqualTo(2);
      assertThat(run.output)
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("internal error");
    }
  }

  // finding 11: publishing names its failures, keeps credentials out of messages and off plain http
  @Test
  void finding11_credentialsAndUrls() {
    assertThat(Redaction.redact("https://user:pw@git.example.com/x.git?token=abc&ref=main"))
        .isEqualTo("https://***@git.example.com/x.git?token=***&ref=***");
    GitAccess basic =
        GitAccess.fromEnvironment(Map.of("S2C_GIT_USERNAME", "u", "S2C_GIT_PASSWORD", "p"));
    assertThatThrownBy(() -> basic.checkTransport("http://git.example.com/infra.git"))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("refusing to send git credentials over plain http");
    org.assertj.core.api.Assertions.assertThatCode(
            () -> basic.checkTransport("http://127.0.0.1:8080/infra.git"))
        .doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThatCode(
            () -> basic.checkTransport("https://git.example.com/infra.git"))
        .doesNotThrowAnyException();
  }

  @Test
  void finding11_aReadOnlyRemoteIsNamed() throws Exception {
    Path source = tmp.resolve("ro.git");
    GitFixtures.bare(source).close();
    Path mount = Files.createDirectories(tmp.resolve("ro-mount"));
    boolean mounted =
        new ProcessBuilder("mount", "--bind", source.toString(), mount.toString()).start().waitFor()
                == 0
            && new ProcessBuilder("mount", "-o", "remount,bind,ro", mount.toString())
                    .start()
                    .waitFor()
                == 0;
    assumeTrue(mounted, "a read-only bind mount needs root: read-only remote not checked");
    try {
      CliRun run =
          CliRun.of(
              "publish",
              "--bundle",
              TestPaths.fixture("baremetal-demo/bundle.json").toString(),
              "--provider",
              "do",
              "--set",
              "services.api.image=ghcr.io/x/a:1",
              "--repo",
              mount.toUri().toString());
      assertThat(run.exit()).isEqualTo(3);
      assertThat(run.err())
          .contains("the remote refused the write")
          .doesNotContain("\tat org.eclipse");
    } finally {
      new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
  }

  @Test
  void finding11_abandonedWorkingCopiesAreRemovedButLiveOnesKept() throws Exception {
    Path abandoned = Files.createTempDirectory("s2c-git-");
    Files.writeString(abandoned.resolve(".lock"), "");
    Path live = Files.createTempDirectory("s2c-git-");
    try (FileChannel channel =
            FileChannel.open(
                live.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      GitFixtures.bare(tmp.resolve("infra.git")).close();
      CliRun run =
          CliRun.of(
              "publish",
              "--bundle",
              TestPaths.fixture("baremetal-demo/bundle.json").toString(),
              "--provider",
              "do",
              "--set",
              "services.api.image=ghcr.io/x/a:1",
              "--repo",
              tmp.resolve("infra.git").toUri().toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(abandoned).doesNotExist();
      assertThat(live).exists();
    } finally {
      s2c.write.TreeWriter.deleteRecursively(live);
    }
  }

  // finding 12: SIGTERM stops serve promptly, non-zero, also after the embedded Helm has loaded
  @Test
  void finding12_sigtermStopsServeAfterAKubernetesCompile() throws Exception {
    int port = freePort();
    Process serve =
        Subprocess.cli(
                Map.of("S2C_API_TOKEN", TOKEN),
                "serve",
                "--port",
                String.valueOf(port),
                "--repo",
                tmp.resolve("infra.git").toUri().toString())
            .redirectOutput(tmp.resolve("serve.log").toFile())
            .start();
    try {
      awaitHealth(port);
      String body =
          "{\"provider\":\"kubernetes\",\"bundle_yaml\":"
              + quote(Files.readString(TestPaths.fixture("multi-service/bundle.yaml")))
              + "}";
      assertThat(post(port, body).statusCode()).isEqualTo(200);
      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(15, TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();
      assertThat(serve.exitValue()).isEqualTo(143);
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void finding12_sigtermStopsACompileWhileHelmWorksAndLeavesNoOutput() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("/proc/self")),
        "needs /proc to see when the embedded Helm has loaded");
    Path out = tmp.resolve("out");
    Process compile =
        Subprocess.cli(
                Map.of(),
                "compile",
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--provider",
                "kubernetes",
                "--out",
                out.toString())
            .redirectOutput(tmp.resolve("compile.log").toFile())
            .start();
    try {
      Path maps = Path.of("/proc/" + compile.pid() + "/maps");
      boolean loaded = false;
      for (int i = 0; i < 1500 && compile.isAlive() && !loaded; i++) {
        loaded =
            Files.exists(maps)
                && Files.readString(maps).toLowerCase(java.util.Locale.ROOT).contains("helm");
        Thread.sleep(10);
      }
      assumeTrue(loaded, "the compile finished before the embedded Helm was seen loading");
      compile.destroy(); // SIGTERM, while Helm lints and templates the chart
      assertThat(compile.waitFor(15, TimeUnit.SECONDS))
          .as("compile stopped after SIGTERM")
          .isTrue();
      assertThat(compile.exitValue()).isEqualTo(143);
      assertThat(out.resolve("ledger")).as("no output after SIGTERM").doesNotExist();
    } finally {
      compile.destroyForcibly();
    }
  }

  // finding 13: findings of Helm and of the bare-metal tools point at the file, line and column
  @Test
  void finding13_outputFindingsPointAtTheirLine() throws Exception {
    Path out = tmp.resolve("k8s");
    assertThat(
            CliRun.of(
                    "compile",
                    "--bundle",
                    TestPaths.fixture("multi-service/bundle.yaml").toString(),
                    "--provider",
                    "kubernetes",
                    "--out",
                    out.toString())
                .exit())
        .isZero();
    Path service = out.resolve("ledger/cloud/kubernetes/chart/ledger/templates/service.yaml");
    Files.writeString(
        service,
        Files.readString(service).replaceFirst("\n", "\n{{ .Values.nope.deeper.still }}\n"));
    CliRun helm = CliRun.of("validate", out.resolve("ledger/cloud/kubernetes").toString());
    assertThat(helm.err())
        .containsPattern("chart/ledger/templates/service\\.yaml:2:\\d+: error\\[S2C082\\]");

    Path bare = tmp.resolve("bm");
    assertThat(
            CliRun.of(
                    "compile",
                    "--bundle",
                    TestPaths.fixture("baremetal-demo/bundle.json").toString(),
                    "--provider",
                    "baremetal",
                    "--out",
                    bare.toString())
                .exit())
        .isZero();
    assumeTrue(
        s2c.write.Executables.onPath("shellcheck").isPresent(), "shellcheck is not installed");
    Path script = bare.resolve("s2c-e2e-demo/cloud/baremetal/shell/rollback.sh");
    Files.writeString(script, Files.readString(script) + "\nif [ $x = 1 ]; then echo $y; fi\n");
    CliRun tools = CliRun.of("validate", bare.resolve("s2c-e2e-demo/cloud/baremetal").toString());
    assertThat(tools.err()).containsPattern("shell/rollback\\.sh:\\d+:\\d+: error\\[S2C084\\]");
  }

  // finding 14: a command's arguments reach the process exactly, under every process manager
  @Test
  void finding14_argumentsWithSpacesAndShellAreOneWordEach() throws Exception {
    Path values =
        Files.writeString(
            tmp.resolve("v.yaml"),
            "services:\n  api:\n    command: [\"python3\", \"server.py\", \"--queue\", \"reconcile jobs\", \"$(id)\"]\n");
    CliRun withArgs =
        CliRun.of(
            "compile",
            "--bundle",
            TestPaths.fixture("baremetal-demo/bundle.json").toString(),
            "--provider",
            "baremetal",
            "--values",
            values.toString(),
            "--out",
            tmp.resolve("b").toString());
    assertThat(withArgs.exit()).as(withArgs.err()).isZero();
    String deploy = Files.readString(tmp.resolve("b/s2c-e2e-demo/cloud/baremetal/shell/deploy.sh"));
    String script = deploy.substring(deploy.indexOf("<<'RUN'\n") + 8, deploy.indexOf("\nRUN\n"));
    Path env = Files.writeString(tmp.resolve("api.env"), "");
    script =
        script
            .replace(". /etc/s2c/s2c-e2e-demo/api.env", ". " + env)
            .replace("\nexec ", "\nprintf '%s\\n' ");
    Result printed =
        waitFor(new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start());
    assertThat(printed.output.split("\n"))
        .containsExactly(
            "/usr/bin/env", "python3", "server.py", "--queue", "reconcile jobs", "$(id)");
  }

  record Result(int exit, String output) {}

  static Result waitFor(Process p) throws IOException {
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> post(int port, String body) throws Exception {
    return http()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/compile"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitHealth(int port) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      try {
        if (http()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not come up on port " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String quote(String text) {
    return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
  }
}
