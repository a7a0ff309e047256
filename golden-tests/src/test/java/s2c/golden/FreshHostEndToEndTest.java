package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import s2c.testing.TestPaths;
import s2c.write.TreeWriter;

/**
 * The bare-metal target on two fresh Debian 12 hosts with systemd as PID 1 (see {@link FreshHost}):
 * the rendered playbook deploys a picker-wheel-shaped scenario (API + UI behind Caddy, postgres and
 * redis from Debian packages, a secret of each class) to one, the shell twin to the other, in the
 * default systemd mode; then the end states of both hosts are compared.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshHostEndToEndTest {
  static final String TOKEN = "CANARY-s2c-fresh-host-5d2e";
  static final String UPSTREAM = "CANARY-s2c-upstream-77a1";

  private final String scenario =
      "s2c-fresh-"
          + HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt()).substring(0, 6);
  private Path tmp;
  private Path dist;
  private FreshHost ansibleHost;
  private FreshHost shellHost;
  private final StringBuilder transcript = new StringBuilder();
  private final Map<String, String> releases = new LinkedHashMap<>();
  private final Map<String, String> timings = new LinkedHashMap<>();

  @BeforeAll
  void bootHosts() throws Exception {
    assumeTrue(
        FreshHost.unavailable().isEmpty(),
        () -> "fresh-host end-to-end test not run: " + FreshHost.unavailable().orElse(""));
    tmp = Files.createTempDirectory("s2c-fresh-e2e-");
    FreshHost.run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("userkey").toString()),
        30);
    FreshHost.rootTarball();
    CompletableFuture<FreshHost> a = CompletableFuture.supplyAsync(() -> boot());
    CompletableFuture<FreshHost> b = CompletableFuture.supplyAsync(() -> boot());
    try {
      ansibleHost = a.join();
    } finally {
      shellHost = b.join();
    }
    dist = render();
  }

  private FreshHost boot() {
    try {
      return FreshHost.boot(tmp, tmp.resolve("userkey"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stopHosts() throws Exception {
    try {
      if (ansibleHost != null) {
        ansibleHost.close();
      }
    } finally {
      if (shellHost != null) {
        shellHost.close();
      }
      if (tmp != null) {
        TreeWriter.deleteRecursively(tmp);
      }
    }
    timings.forEach((k, v) -> System.out.println("fresh host: " + k + " " + v));
  }

  private Path render() throws Exception {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, "providers:\n  baremetal:\n    dns_policy: skip\n");
    Path bundle = tmp.resolve("bundle.json");
    Files.writeString(
        bundle,
        Files.readString(TestPaths.fixture("baremetal-fresh/bundle.json"))
            .replace("\"name\": \"s2c-fresh-demo\"", "\"name\": \"" + scenario + "\""));
    CliRun compile =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--values",
            values.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("dist").toString());
    assertThat(compile.exit()).as(compile.err()).isZero();
    Path dir = tmp.resolve("dist/" + scenario + "/cloud/baremetal");
    Files.writeString(
        dir.resolve("ansible/inventory.yml"),
        String.join(
            "\n",
            "all:",
            "  hosts:",
            "    fresh:",
            "      ansible_host: " + ansibleHost.address,
            "      ansible_user: root",
            "      ansible_ssh_private_key_file: " + tmp.resolve("userkey"),
            "      ansible_ssh_common_args: -o UserKnownHostsFile=" + ansibleHost.knownHosts,
            ""));
    return dir;
  }

  private Path artifacts(String name, boolean broken) throws IOException {
    Path dir = tmp.resolve("artifacts-" + name);
    TreeWriter.deleteRecursively(dir);
    for (String f : List.of("api/server.py", "ui/server.py", "ui/index.html")) {
      Files.createDirectories(dir.resolve(f).getParent());
      // the API is the bare-metal demo's (health in Vrooli's shape, the secret's sha256); the UI is
      // this fixture's
      String fixture =
          f.startsWith("api/") ? "baremetal-demo/artifacts/" : "baremetal-fresh/artifacts/";
      Files.copy(TestPaths.fixture(fixture + f), dir.resolve(f));
      dir.resolve(f).toFile().setExecutable(f.endsWith(".py"), false);
    }
    if (broken) {
      Files.writeString(dir.resolve("api/BROKEN"), "this release fails its health check\n");
    }
    return dir;
  }

  private Map<String, String> secrets() {
    return new HashMap<>(
        Map.of(
            "DEMO_TOKEN",
            TOKEN,
            "UPSTREAM_KEY",
            UPSTREAM,
            "ANSIBLE_NOCOLOR",
            "1",
            "ANSIBLE_SSH_ARGS",
            "-o ControlMaster=no",
            "ANSIBLE_HOST_KEY_CHECKING",
            "True"));
  }

  private FreshHost.Result playbook(String version, Path artifacts, String... extra)
      throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ansible-playbook",
                "-i",
                "inventory.yml",
                "site.yml",
                "-e",
                "s2c_artifacts_dir=" + artifacts,
                "-e",
                "s2c_version=" + version));
    argv.addAll(List.of(extra));
    return local(argv, secrets(), dist.resolve("ansible"));
  }

  private FreshHost.Result twin(String version, Path artifacts, String... args) throws Exception {
    Map<String, String> env = secrets();
    env.putAll(
        Map.of(
            "S2C_SSH_HOST",
            shellHost.address,
            "S2C_SSH_KEY",
            tmp.resolve("userkey").toString(),
            "S2C_SSH_KNOWN_HOSTS",
            shellHost.knownHosts.toString(),
            "S2C_ARTIFACTS_DIR",
            artifacts.toString(),
            "S2C_VERSION",
            version));
    List<String> argv = new ArrayList<>(List.of(dist.resolve("shell/deploy.sh").toString()));
    argv.addAll(List.of(args));
    return local(argv, env, dist);
  }

  @Test
  @Order(1)
  void playbookDeploysToAFreshSystemdHost() throws Exception {
    long t0 = System.nanoTime();
    FreshHost.Result first = playbook("1.0.0", artifacts("v1", false));
    timings.put("ansible first deploy (apt installs postgres, redis, caddy)", ms(t0));
    assertThat(first.exit()).as(first.out()).isZero();
    String v1 = assertServing(ansibleHost, "1.0.0-");
    releases.put("v1", v1);

    t0 = System.nanoTime();
    FreshHost.Result second = playbook("1.0.0", artifacts("v1", false));
    timings.put("ansible unchanged redeploy", ms(t0));
    assertThat(second.exit()).as(second.out()).isZero();
    assertThat(second.out()).containsPattern("fresh\\s+: ok=\\d+\\s+changed=0 ");

    assertUnitsAndHardening(ansibleHost);
    assertDatabaseUsable(ansibleHost);
    assertThat(
            ansibleHost
                .ssh(
                    "journalctl -u caddy --no-pager -o cat | grep -c '\"uri\":\"/api/health\"'", 30)
                .out()
                .trim())
        .as("Caddy's access log of the site is written (to the journal)")
        .isNotEqualTo("0");

    // the same version with other content is another release: it is switched to, and a client that
    // polls the API and the UI through Caddy the whole time never sees a failed request
    Path changed = artifacts("v1b", false);
    Files.writeString(
        changed.resolve("ui/index.html"),
        "<!doctype html><title>s2c fresh demo</title><h1>picker 2</h1>\n");
    Poller poller = new Poller(ansibleHost);
    t0 = System.nanoTime();
    FreshHost.Result cutover = playbook("1.0.0", changed);
    timings.put("ansible redeploy of new content (zero-downtime cutover of api and ui)", ms(t0));
    poller.stop();
    assertThat(cutover.exit()).as(cutover.out()).isZero();
    assertThat(cutover.out()).contains("switched api to port", "switched ui to port");
    timings.put("requests during that redeploy", poller.summary());
    assertThat(poller.requests).as("the poller ran").isGreaterThan(20);
    assertThat(poller.failures)
        .as("failed requests during the cutover: " + poller.firstFailure)
        .isEmpty();
    assertThat(get(ansibleHost, "/")).contains("picker 2");
    assertThat(ansibleHost.ssh("readlink /opt/" + scenario + "/current", 10).out().trim())
        .isNotEqualTo("releases/" + v1);

    // a release that never becomes healthy never takes traffic: the old instance keeps serving
    // throughout
    Poller during = new Poller(ansibleHost);
    FreshHost.Result broken = playbook("2.0.0", artifacts("v2", true));
    during.stop();
    assertThat(broken.exit()).isNotZero();
    assertThat(broken.out())
        .contains("never became healthy on port")
        .containsPattern(
            "release 2\\.0\\.0-[0-9a-f]{12} of "
                + scenario
                + " failed its health check; rolled back to 1\\.0\\.0-");
    assertThat(during.failures)
        .as("failed requests while a broken release was tried: " + during.firstFailure)
        .isEmpty();
    timings.put("requests while the broken release was tried", during.summary());

    assertThat(playbook("3.0.0", artifacts("v3", false)).exit()).isZero();
    String v3 = assertServing(ansibleHost, "3.0.0-");
    releases.put("v3", v3);
    FreshHost.Result rollback =
        local(
            List.of("ansible-playbook", "-i", "inventory.yml", "rollback.yml"),
            secrets(),
            dist.resolve("ansible"));
    assertThat(rollback.exit()).as(rollback.out()).isZero();
    assertServing(ansibleHost, "1.0.0-");
    assertLock();
    assertSecretNeverLeaked(ansibleHost);
  }

  /**
   * A second deploy never interleaves with one in progress: --no-wait fails at once, otherwise it
   * waits.
   */
  private void assertLock() throws Exception {
    String lockScript = lockScript("s2c_lock_acquire");
    FreshHost.Result taken =
        ansibleHost.ssh(
            "S2C_LOCK_HOLDER='e2e test' S2C_LOCK_WAIT=5 sh -c " + shellQuote(lockScript), 20);
    assertThat(taken.exit()).as(taken.out()).isZero();
    assertThat(ansibleHost.ssh("cat /etc/s2c/" + scenario + ".lock", 10).out())
        .contains("e2e test started ");
    FreshHost.Result noWait =
        local(
            List.of(dist.resolve("deploy.sh").toString(), "--no-wait", "3.0.0"),
            with(secrets(), "S2C_ARTIFACTS_DIR", artifacts("v3", false).toString()),
            dist);
    assertThat(noWait.exit()).isNotZero();
    assertThat(noWait.out())
        .contains("another deploy of " + scenario + " holds the lock: e2e test started ");
    // a waiting deploy goes on once the holder is done
    long t0 = System.nanoTime();
    CompletableFuture<FreshHost.Result> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return playbook("3.0.0", artifacts("v3w", false));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(8000);
    String release = lockScript("s2c_lock_release");
    FreshHost.Result freed =
        ansibleHost.ssh(
            "S2C_LOCK_TOKEN=" + shellQuote(taken.out().trim()) + " sh -c " + shellQuote(release),
            20);
    assertThat(freed.out()).contains("released");
    FreshHost.Result after = waiting.join();
    assertThat(after.exit()).as(after.out()).isZero();
    assertThat((System.nanoTime() - t0) / 1_000_000)
        .as("the second deploy waited for the first")
        .isGreaterThan(8000L);
    assertServing(ansibleHost, "3.0.0-");
  }

  @Test
  @Order(2)
  void shellTwinDeploysToAFreshSystemdHost() throws Exception {
    long t0 = System.nanoTime();
    FreshHost.Result first = twin("1.0.0", artifacts("v1", false));
    timings.put("shell twin first deploy", ms(t0));
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(assertServing(shellHost, "1.0.0-")).isEqualTo(releases.get("v1"));
    t0 = System.nanoTime();
    FreshHost.Result again = twin("1.0.0", artifacts("v1", false));
    timings.put("shell twin unchanged redeploy", ms(t0));
    assertThat(again.exit()).as(again.out()).isZero();
    assertThat(again.out()).contains("is on the host already");

    assertUnitsAndHardening(shellHost);
    assertDatabaseUsable(shellHost);

    Path changed = artifacts("v1b", false);
    Files.writeString(
        changed.resolve("ui/index.html"),
        "<!doctype html><title>s2c fresh demo</title><h1>picker 2</h1>\n");
    Poller poller = new Poller(shellHost);
    t0 = System.nanoTime();
    FreshHost.Result cutover = twin("1.0.0", changed);
    timings.put("shell twin redeploy of new content (zero-downtime cutover)", ms(t0));
    poller.stop();
    assertThat(cutover.exit()).as(cutover.out()).isZero();
    assertThat(poller.failures)
        .as("failed requests during the twin's cutover: " + poller.firstFailure)
        .isEmpty();
    timings.put("requests during the twin's redeploy", poller.summary());
    FreshHost.Result broken = twin("2.0.0", artifacts("v2", true));
    assertThat(broken.exit()).isNotZero();
    assertThat(broken.out())
        .containsPattern(
            "release 2\\.0\\.0-[0-9a-f]{12} of "
                + scenario
                + " failed its health check; rolled back to 1\\.0\\.0-");
    assertThat(twin("3.0.0", artifacts("v3", false)).exit()).isZero();
    assertThat(assertServing(shellHost, "3.0.0-")).isEqualTo(releases.get("v3"));
    Map<String, String> env =
        Map.of(
            "S2C_SSH_HOST",
            shellHost.address,
            "S2C_SSH_KEY",
            tmp.resolve("userkey").toString(),
            "S2C_SSH_KNOWN_HOSTS",
            shellHost.knownHosts.toString());
    FreshHost.Result rollback =
        local(List.of(dist.resolve("shell/rollback.sh").toString()), env, dist);
    assertThat(rollback.exit()).as(rollback.out()).isZero();
    assertServing(shellHost, "1.0.0-");
    // the playbook's host went on to a waited-for redeploy of v3 (its lock test): do the same
    assertThat(twin("3.0.0", artifacts("v3w", false)).exit()).isZero();
    assertSecretNeverLeaked(shellHost);
  }

  @Test
  @Order(3)
  void bothHostsEndInTheSameState() throws Exception {
    assumeTrue(releases.containsKey("v3"), "the deploys above did not finish");
    String a = state(ansibleHost);
    String b = state(shellHost);
    Files.writeString(tmp.getParent().resolve(scenario + "-ansible.state"), a);
    Files.writeString(tmp.getParent().resolve(scenario + "-shell.state"), b);
    assertThat(b.lines().toList())
        .as("the shell twin's host against the playbook's")
        .containsExactlyElementsOf(a.lines().toList());
  }

  /**
   * What a deploy leaves on a host, in lines that do not depend on when or by what it ran: users,
   * files and modes (contents by digest; env files by their keys; generated secrets by length),
   * units, listening ports, database objects, Caddy's configuration.
   */
  private String state(FreshHost host) throws Exception {
    String s = scenario;
    String script =
        String.join(
            "\n",
            "set -u",
            "echo '# user'; getent passwd s2c-" + s + " | cut -d: -f1,6,7; id -nG s2c-" + s,
            "echo '# files'",
            "find /opt/"
                + s
                + " /etc/s2c/"
                + s
                + " /var/lib/s2c/"
                + s
                + " /var/log/s2c/"
                + s
                + " /etc/caddy /etc/systemd/system/"
                + s
                + "-*"
                + " \\( -path '*/generated/*' -o -name '*.env' \\) -prune -o -printf '%p %M %u:%g %l\\n' | LC_ALL=C sort",
            "for f in $(find /opt/"
                + s
                + "/releases /etc/s2c/"
                + s
                + " /etc/caddy /etc/systemd/system/"
                + s
                + "-* -type f"
                + " ! -name '*.env' ! -path '*/generated/*' | LC_ALL=C sort); do echo \"$f $(sha256sum < $f | cut -c1-16)\"; done",
            "for f in /etc/s2c/"
                + s
                + "/*.env; do echo \"$f $(stat -c '%a %U:%G' $f) $(cut -d= -f1 $f | LC_ALL=C sort | tr '\\n' ' ')\"; done",
            "for f in /etc/s2c/"
                + s
                + "/generated/*; do echo \"$f $(stat -c '%a %U:%G' $f) $(wc -c < $f)\"; done",
            "echo '# units'; for u in $(systemctl list-units --all --plain --no-legend '"
                + s
                + "-*' | awk '{print $1}') caddy postgresql redis-server;"
                // a stopped instance of a template unit is no state: systemd unloads it when it
                // gets to it, so it may still be listed on one host and gone on the other
                + " do a=$(systemctl is-active $u); case \"$u $a\" in *@*' inactive') continue ;; esac;"
                + " echo \"$u $(systemctl is-enabled $u) $a\"; done",
            // a live instance's port is picked free on each host: masked before sorting, counted
            "echo '# ports'; ss -Hltn | awk '{print $4}' | sed -E 's/:2[0-9]{4}$/:<instance>/' | LC_ALL=C sort | uniq -c",
            "echo '# database'; cd / && runuser -u postgres -- psql -tA -c \"SELECT datname, pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 's2c%'\""
                + " -c \"SELECT rolname, rolcanlogin, rolsuper FROM pg_roles WHERE rolname LIKE 's2c%'\"",
            "runuser -u postgres -- psql -tA -d "
                + s.replace('-', '_')
                + " -c \"SELECT schemaname, tablename, tableowner FROM pg_tables WHERE schemaname = 'public'\"",
            "echo '# caddy'; cat /etc/caddy/Caddyfile; echo; cat /etc/caddy/s2c/*.caddy");
    FreshHost.Result r = host.ssh(script, 60);
    assertThat(r.exit()).as(r.out()).isZero();
    // the port of a live instance is picked free on each host (20000-29999), and with it the
    // digests of
    // the files that name it: the same on both hosts once the number is masked
    return r.out()
        .lines()
        .map(
            l ->
                l.matches("/etc/(caddy/s2c/upstreams/.*/live|s2c/.*\\.live) [0-9a-f]{16}")
                    ? l.substring(0, l.lastIndexOf(' ')) + " <names the port>"
                    : l)
        .map(l -> l.replaceAll("([@:])2[0-9]{4}\\b", "$1<port>"))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private void assertUnitsAndHardening(FreshHost host) throws Exception {
    String s = scenario;
    FreshHost.Result verify =
        host.ssh(
            "systemd-analyze verify --man=no /etc/systemd/system/"
                + s
                + "-api@.service /etc/systemd/system/"
                + s
                + "-ui@.service",
            60);
    assertThat(verify.exit()).as(verify.out()).isZero();
    String live =
        host.ssh(
                "systemctl list-units --plain --no-legend '"
                    + s
                    + "-api@*.service' | awk '{print $1}'",
                10)
            .out()
            .trim();
    assertThat(live).as("one live instance of the API").matches(s + "-api@2[0-9]{4}\\.service");
    String probe =
        String.join(
            "; ",
            "pid=$(systemctl show -p MainPID --value " + live + ")",
            "echo user=$(ps -o user= -p $pid)",
            "nsenter -t $pid -m runuser -u s2c-"
                + s
                + " -- sh -c 'touch /usr/s2c-probe' 2>/dev/null && echo usr=writable || echo usr=readonly",
            "nsenter -t $pid -m runuser -u s2c-"
                + s
                + " -- sh -c 'echo x > /tmp/s2c-probe && cat /tmp/s2c-probe' 2>/dev/null | grep -q x && echo tmp=writable",
            "test -e /tmp/s2c-probe && echo tmp=shared || echo tmp=private",
            "nsenter -t $pid -m runuser -u s2c-"
                + s
                + " -- sh -c 'touch /var/lib/s2c/"
                + s
                + "/probe && rm /var/lib/s2c/"
                + s
                + "/probe' && echo data=writable");
    String out = host.ssh(probe, 30).out();
    assertThat(out)
        .contains("user=s2c-" + s, "usr=readonly", "tmp=writable", "tmp=private", "data=writable");
    assertThat(host.ssh("systemctl show -p After -p Wants --value " + live, 10).out())
        .contains("postgresql.service", "redis-server.service");
  }

  /**
   * The app's own credentials create a table in its database: it owns it (PostgreSQL 15+ public
   * schema).
   */
  private void assertDatabaseUsable(FreshHost host) throws Exception {
    FreshHost.Result r =
        host.ssh(
            "set -a; . /etc/s2c/"
                + scenario
                + "/api.env; set +a; cd /; psql -v ON_ERROR_STOP=1 \"$DATABASE_URL\" -qc "
                + "'CREATE TABLE IF NOT EXISTS probe (id int)' && psql \"$POSTGRES_URL\" -tAc 'SELECT current_user' && redis-cli -u \"$REDIS_URL\" ping",
            30);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains(scenario.replace('-', '_') + "_app", "PONG");
    String key =
        host.ssh("wc -c < /etc/s2c/" + scenario + "/generated/signing_key", 10).out().trim();
    assertThat(key).as("a generated secret has exactly its length").isEqualTo("64");
  }

  /** Health of API and UI through Caddy on the host's port 80; returns the API's release id. */
  private String assertServing(FreshHost host, String versionPrefix) throws Exception {
    String body = "";
    for (int i = 0; i < 40; i++) {
      body = get(host, "/api/health");
      if (body.contains("\"status\": \"healthy\"")
          && body.contains("\"version\": \"" + versionPrefix)) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(body).contains("\"status\": \"healthy\"", "\"version\": \"" + versionPrefix);
    assertThat(get(host, "/")).contains("<h1>picker");
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
    assertThat(get(host, "/api/secret-check"))
        .as("the API received the secret through its environment")
        .contains(expected);
    return body.replaceAll("(?s).*\"version\": \"([^\"]+)\".*", "$1");
  }

  /** A client polling the API's health and the UI through Caddy, as a user would, until stopped. */
  private final class Poller {
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int requests;
    volatile String firstFailure = "";
    private volatile boolean running = true;
    private final Thread thread;

    Poller(FreshHost host) {
      thread =
          new Thread(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                while (running) {
                  for (String path : List.of("/api/health", "/")) {
                    String failure;
                    try {
                      HttpResponse<String> r =
                          http.send(
                              HttpRequest.newBuilder(URI.create("http://" + host.address + path))
                                  .timeout(Duration.ofSeconds(5))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      failure =
                          r.statusCode() == 200
                              ? null
                              : path + " → " + r.statusCode() + " " + r.body().strip();
                    } catch (Exception e) {
                      failure = path + " → " + e;
                    }
                    requests++;
                    if (failure != null) {
                      if (failures.isEmpty()) {
                        firstFailure = failure;
                      }
                      failures.add(failure);
                    }
                  }
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "poller");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }

    String summary() {
      return requests + " requests, " + failures.size() + " failed";
    }
  }

  private String get(FreshHost host, String path) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://" + host.address + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "unreachable: " + e;
    }
  }

  private void assertSecretNeverLeaked(FreshHost host) throws Exception {
    assertThat(transcript.toString())
        .as("deploy output")
        .doesNotContain(TOKEN)
        .doesNotContain(UPSTREAM);
    try (Stream<Path> files = Files.walk(dist)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(TOKEN)
            .doesNotContain(UPSTREAM);
      }
    }
    // on the host, only the service's 0600 env file holds it: not the journal, units, logs or Caddy
    FreshHost.Result r =
        host.ssh(
            "journalctl --no-pager -o cat | grep -c -e "
                + TOKEN
                + " -e "
                + UPSTREAM
                + "; grep -rl -e "
                + TOKEN
                + " -e "
                + UPSTREAM
                + " /etc /var/log /opt /var/lib/s2c 2>/dev/null; true",
            60);
    assertThat(r.out().lines().toList()).containsExactly("0", "/etc/s2c/" + scenario + "/api.env");
  }

  private String lockScript(String variable) throws IOException {
    String vars = Files.readString(dist.resolve("ansible/group_vars/all.yml"));
    String block =
        vars.substring(
            vars.indexOf(variable + ": !unsafe |\n") + (variable + ": !unsafe |\n").length());
    StringBuilder script = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      if (!line.startsWith("  ")) {
        break;
      }
      script.append(line.substring(2)).append('\n');
    }
    return script.toString();
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> m = new HashMap<>(env);
    m.put(key, value);
    return m;
  }

  private static String ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000 + " ms";
  }

  private FreshHost.Result local(List<String> command, Map<String, String> env, Path cwd)
      throws Exception {
    Path log = Files.createTempFile(tmp, "run-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out =
        Files.readString(log, StandardCharsets.UTF_8)
            + (done ? "" : "\n[stopped after 600 s: " + String.join(" ", command) + "]");
    synchronized (transcript) {
      transcript.append(out);
    }
    return new FreshHost.Result(done ? p.exitValue() : -1, out);
  }
}
