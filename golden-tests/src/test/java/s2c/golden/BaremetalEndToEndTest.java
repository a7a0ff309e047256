package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import s2c.write.TreeWriter;

/**
 * The bare-metal target, proven by a real deploy: sshd on 127.0.0.1 with keys made for the run,
 * the rendered Ansible playbook (and then the shell twin) deploying a small real HTTP service under
 * supervisor behind Caddy, a second run that changes nothing, a broken release rolled back
 * automatically, a manual rollback, and a secret that never shows up in any output. Runs where
 * .ci/run installed openssh-server, ansible, supervisor and caddy, as root; skipped otherwise.
 */
class BaremetalEndToEndTest {
  /** Unique per run: two suites on one machine never share /opt, /etc/s2c, users or programs. */
  static final String SCENARIO = "s2c-e2e-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt()).substring(0, 6);
  static final String TOKEN = "CANARY-s2c-baremetal-9c1f";

  @TempDir Path tmp;
  private Process sshd;
  private int sshPort;
  private int edgePort;
  private boolean supervisordWasRunning;
  private final StringBuilder transcript = new StringBuilder();

  @BeforeEach
  void startSshd() throws Exception {
    for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ansible-playbook", "/usr/bin/caddy", "/usr/bin/supervisord", "/usr/bin/ssh-keygen", "/usr/bin/curl")) {
      assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed: bare-metal end-to-end test not run");
    }
    assumeTrue("root".equals(System.getProperty("user.name")), "the bare-metal end-to-end test deploys to this machine and needs root");
    supervisordWasRunning = run(List.of("supervisorctl", "pid"), Map.of(), tmp).exit == 0;
    cleanHost();
    Files.createDirectories(Path.of("/run/sshd"));
    sshPort = freePort();
    edgePort = freePort();
    exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("hostkey").toString());
    exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("userkey").toString());
    Files.writeString(tmp.resolve("sshd_config"), String.join("\n",
        "Port " + sshPort, "ListenAddress 127.0.0.1", "HostKey " + tmp.resolve("hostkey"), "PidFile " + tmp.resolve("sshd.pid"),
        "AuthorizedKeysFile " + tmp.resolve("userkey.pub"), "PermitRootLogin prohibit-password", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no", "Subsystem sftp /usr/lib/openssh/sftp-server", ""));
    sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", tmp.resolve("sshd_config").toString(), "-E", tmp.resolve("sshd.log").toString()).start();
    String hostKey = Files.readString(tmp.resolve("hostkey.pub")).split(" ")[0] + " " + Files.readString(tmp.resolve("hostkey.pub")).split(" ")[1];
    Files.writeString(tmp.resolve("known_hosts"), "[127.0.0.1]:" + sshPort + " " + hostKey + "\n");
    for (int i = 0; i < 50 && run(ssh("true"), Map.of(), tmp).exit != 0; i++) {
      Thread.sleep(100);
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (sshd != null) {
      cleanHost();
      if (!supervisordWasRunning) {
        run(List.of("supervisorctl", "shutdown"), Map.of(), tmp);
      }
      sshd.destroy();
      sshd.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Removes every trace of the test scenario from this machine (it deploys to localhost). */
  private void cleanHost() throws Exception {
    run(List.of("sh", "-c", "supervisorctl stop " + SCENARIO + "-api s2c-caddy >/dev/null 2>&1; rm -f /etc/supervisor/conf.d/" + SCENARIO
        + "-api.conf /etc/supervisor/conf.d/s2c-caddy.conf /etc/caddy/s2c/" + SCENARIO + ".caddy; supervisorctl update >/dev/null 2>&1; rm -rf /opt/"
        + SCENARIO + " /etc/s2c/" + SCENARIO + " /var/lib/s2c/" + SCENARIO + " /var/log/s2c/" + SCENARIO + " /var/log/caddy-" + SCENARIO
        + ".log; userdel s2c-" + SCENARIO + " >/dev/null 2>&1; true"), Map.of(), tmp);
  }

  private Path render() throws IOException {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, "providers:\n  baremetal:\n    process_manager: supervisor\n    dns_policy: skip\n    edge_address: \"http://127.0.0.1:"
        + edgePort + "\"\n");
    Path bundle = tmp.resolve("bundle.json");
    Files.writeString(bundle, Files.readString(TestPaths.fixture("baremetal-demo/bundle.json"))
        .replace("\"name\": \"s2c-e2e-demo\"", "\"name\": \"" + SCENARIO + "\""));
    CliRun compile = CliRun.of("compile", "--bundle", bundle.toString(), "--values", values.toString(),
        "--provider", "baremetal", "--out", tmp.resolve("dist").toString());
    assertThat(compile.exit()).as(compile.err()).isZero();
    Path dir = tmp.resolve("dist/" + SCENARIO + "/cloud/baremetal");
    Files.writeString(dir.resolve("ansible/inventory.yml"), String.join("\n", "all:", "  hosts:", "    e2e:", "      ansible_host: 127.0.0.1",
        "      ansible_port: " + sshPort, "      ansible_user: root", "      ansible_ssh_private_key_file: " + tmp.resolve("userkey"),
        "      ansible_ssh_common_args: -o UserKnownHostsFile=" + tmp.resolve("known_hosts"), ""));
    return dir;
  }

  private Path release(String name, boolean broken) throws IOException {
    Path dir = tmp.resolve("artifacts-" + name);
    TreeWriter.deleteRecursively(dir);
    Files.createDirectories(dir.resolve("api"));
    Path server = dir.resolve("api/server.py");
    Files.copy(TestPaths.fixture("baremetal-demo/artifacts/api/server.py"), server);
    server.toFile().setExecutable(true, false);
    if (broken) {
      Files.writeString(dir.resolve("api/BROKEN"), "this release fails its health check\n");
    }
    return dir;
  }

  @Test
  void ansiblePlaybookDeploysRedeploysRollsBackAndKeepsTheSecret() throws Exception {
    Path dir = render();
    Path ansible = dir.resolve("ansible");
    // no ControlPersist: nothing may keep a connection to the test's sshd after the test
    Map<String, String> env = Map.of("DEMO_TOKEN", TOKEN, "ANSIBLE_NOCOLOR", "1", "ANSIBLE_SSH_ARGS", "-o ControlMaster=no");

    long t0 = System.nanoTime();
    Result first = run(playbook("site.yml", release("r1", false), "r1"), env, ansible);
    long deployMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(first.exit).as(first.out).isZero();
    assertServing("r1");

    t0 = System.nanoTime();
    Result second = run(playbook("site.yml", release("r1", false), "r1"), env, ansible);
    long redeployMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(second.exit).as(second.out).isZero();
    assertThat(second.out).containsPattern("e2e\\s+: ok=\\d+\\s+changed=0 ");

    Result broken = run(playbook("site.yml", release("r2", true), "r2"), env, ansible);
    assertThat(broken.exit).isNotZero();
    assertThat(broken.out).contains("release r2 of " + SCENARIO + " failed its health check; rolled back to r1");
    assertServing("r1");

    assertThat(run(playbook("site.yml", release("r3", false), "r3"), env, ansible).exit).isZero();
    assertServing("r3");
    Result rollback = run(List.of("ansible-playbook", "-i", "inventory.yml", "rollback.yml"), env, ansible);
    assertThat(rollback.exit).as(rollback.out).isZero();
    assertServing("r1");

    assertSecretNeverLeaked(dir);
    System.out.printf("bare-metal ansible: first deploy %d ms, unchanged redeploy %d ms%n", deployMs, redeployMs);
  }

  @Test
  void shellScriptsDeployRollBackAndKeepTheSecret() throws Exception {
    Path dir = render();
    Map<String, String> env = Map.of("DEMO_TOKEN", TOKEN, "S2C_SSH_HOST", "127.0.0.1", "S2C_SSH_PORT", String.valueOf(sshPort),
        "S2C_SSH_KEY", tmp.resolve("userkey").toString(), "S2C_SSH_KNOWN_HOSTS", tmp.resolve("known_hosts").toString());
    long t0 = System.nanoTime();
    Result first = run(List.of("shell/deploy.sh"), with(env, "S2C_ARTIFACTS_DIR", release("s1", false), "S2C_RELEASE_ID", "s1"), dir);
    long deployMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(first.exit).as(first.out).isZero();
    assertServing("s1");
    t0 = System.nanoTime();
    assertThat(run(List.of("shell/deploy.sh"), with(env, "S2C_ARTIFACTS_DIR", release("s1", false), "S2C_RELEASE_ID", "s1"), dir).exit).isZero();
    long redeployMs = (System.nanoTime() - t0) / 1_000_000;
    assertServing("s1");

    Result broken = run(List.of("shell/deploy.sh"), with(env, "S2C_ARTIFACTS_DIR", release("s2", true), "S2C_RELEASE_ID", "s2"), dir);
    assertThat(broken.exit).isNotZero();
    assertThat(broken.out).contains("release s2 of " + SCENARIO + " failed its health check; rolled back to s1");
    assertServing("s1");

    assertThat(run(List.of("shell/deploy.sh"), with(env, "S2C_ARTIFACTS_DIR", release("s3", false), "S2C_RELEASE_ID", "s3"), dir).exit).isZero();
    assertServing("s3");
    Result rollback = run(List.of("shell/rollback.sh"), env, dir);
    assertThat(rollback.exit).as(rollback.out).isZero();
    assertServing("s1");

    assertSecretNeverLeaked(dir);
    System.out.printf("bare-metal shell: first deploy %d ms, redeploy %d ms%n", deployMs, redeployMs);
  }

  private void assertServing(String release) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = null;
    for (int i = 0; i < 30; i++) {
      try {
        health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"version\": \"" + release + "\"")) {
          break;
        }
      } catch (IOException e) {
        // Caddy or the service is (re)starting
      }
      Thread.sleep(300);
    }
    assertThat(health).as("health through Caddy").isNotNull();
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\": \"healthy\"", "\"version\": \"" + release + "\"");
    String check = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/secret-check")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
    assertThat(check).as("the service received the secret through its environment").contains(expected);
  }

  private void assertSecretNeverLeaked(Path dir) throws IOException {
    assertThat(transcript.toString()).as("deploy output").doesNotContain(TOKEN);
    List<Path> places = new ArrayList<>(List.of(dir, Path.of("/var/log/s2c/" + SCENARIO), Path.of("/etc/supervisor/conf.d")));
    for (Path place : places) {
      if (!Files.exists(place)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(place)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(TOKEN);
        }
      }
    }
    for (String log : List.of("/var/log/caddy-s2c.log", "/var/log/caddy-" + SCENARIO + ".log", "/var/log/supervisor/supervisord.log")) {
      if (Files.exists(Path.of(log))) {
        assertThat(Files.readString(Path.of(log), StandardCharsets.ISO_8859_1)).as(log).doesNotContain(TOKEN);
      }
    }
  }

  private List<String> playbook(String file, Path artifacts, String releaseId) {
    return List.of("ansible-playbook", "-i", "inventory.yml", file, "-e", "s2c_artifacts_dir=" + artifacts, "-e", "s2c_release_id=" + releaseId);
  }

  private List<String> ssh(String command) {
    return List.of("ssh", "-p", String.valueOf(sshPort), "-i", tmp.resolve("userkey").toString(), "-o", "BatchMode=yes",
        "-o", "UserKnownHostsFile=" + tmp.resolve("known_hosts"), "root@127.0.0.1", command);
  }

  private static Map<String, String> with(Map<String, String> env, String k1, Object v1, String k2, Object v2) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.put(k1, v1.toString());
    m.put(k2, v2.toString());
    return m;
  }

  private record Result(int exit, String out) {}

  /** Output goes to a file so the timeout fires even when a process hangs (a pipe read to its end would wait forever). */
  private Result run(List<String> command, Map<String, String> env, Path cwd) throws Exception {
    Path log = Files.createTempFile(tmp, "run-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(300, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8) + (done ? "" : "\n[stopped after 300 s: " + String.join(" ", command) + "]");
    transcript.append(out);
    return new Result(done ? p.exitValue() : -1, out);
  }

  private void exec(String... command) throws Exception {
    Result r = run(List.of(command), Map.of(), tmp);
    assertThat(r.exit).as(r.out).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
