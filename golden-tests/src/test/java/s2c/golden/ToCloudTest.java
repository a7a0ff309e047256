package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;

/**
 * {@code to-cloud picker-wheel --provider do} as Vrooli would run it: the name resolves under
 * VROOLI_ROOT, the render is published to the embedded default repository of the working directory,
 * the render's deploy.sh applies (terraform stubbed: no cloud here) and verify checks the URL
 * Terraform's outputs give (a JDK HTTP server on 127.0.0.1); an unhealthy release is rolled back to
 * the previous one.
 */
class ToCloudTest {
  @TempDir Path tmp;

  private HttpServer app;
  private volatile int health = 200;

  @BeforeEach
  void start() throws Exception {
    GitFixtures.copyTree(
        TestPaths.fixture("picker-wheel"), tmp.resolve("vrooli/scenarios/picker-wheel"));
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/",
        exchange -> {
          int status = exchange.getRequestURI().getPath().equals("/health") ? health : 404;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    app.start();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    ProgramStubs.stub(
        bin.resolve("terraform"),
        "#!/bin/sh\ncase \"$*\" in *'output -json'*) echo '{\"live_url\": {\"value\":"
            + " \"http://127.0.0.1:"
            + app.getAddress().getPort()
            + "\"}}' ;; *) echo \"terraform $*\" ;; esac\n");
  }

  @AfterEach
  void stop() {
    app.stop(0);
  }

  private Result toCloud(String... more) throws Exception {
    String[] args = new String[more.length + 1];
    args[0] = "--apply";
    System.arraycopy(more, 0, args, 1, more.length);
    return publishOnly(args);
  }

  private Result publishOnly(String... more) throws Exception {
    String[] args = new String[4 + more.length];
    args[0] = "to-cloud";
    args[1] = "picker-wheel";
    args[2] = "--provider";
    args[3] = "do";
    System.arraycopy(more, 0, args, 4, more.length);
    Map<String, String> env = new HashMap<>();
    env.put("VROOLI_ROOT", tmp.resolve("vrooli").toString());
    env.put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("DIGITALOCEAN_TOKEN", "do-token");
    Process p = Subprocess.cli(env, args).directory(tmp.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private record Result(int exit, String out) {}

  @Test
  void aScenarioByNameIsPublishedAppliedAndVerifiedAndAnUnhealthyReleaseRolledBack()
      throws Exception {
    Result first = toCloud("--verify", "--verify-timeout", "3s");
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(first.out())
        .contains("::: publish picker-wheel to do", "terraform apply -input=false tfplan")
        .contains("ok    ui health", "health: healthy", "cost: $");
    Path repo = tmp.resolve(".s2c/infra.git");
    assertThat(GitFixtures.git(repo, "log", "--format=%s", "main"))
        .contains("Deploy picker-wheel 1.0.0 to digitalocean (dev)");
    String good = GitFixtures.git(repo, "rev-parse", "main").strip();

    health = 503;
    Result bad = toCloud("--verify", "--verify-timeout", "3s", "--set", "services.api.replicas=2");
    assertThat(bad.exit()).as(bad.out()).isEqualTo(3);
    assertThat(bad.out()).contains("FAIL  ui health", "health: unhealthy");
    assertThat(GitFixtures.git(repo, "log", "-1", "--format=%B", "main"))
        .contains("S2C-Rollback-Reason: health", "S2C-Rollback-To: " + good);
  }

  @Test
  void theImagesAndTheSecretsPlanReachThePublishedRender() throws Exception {
    Result r =
        publishOnly(
            "--images",
            TestPaths.fixture("picker-wheel/images.json").toString(),
            "--secrets-plan",
            TestPaths.fixture("picker-wheel/secrets-plan.json").toString());
    assertThat(r.exit()).as(r.out()).isZero();
    Path repo = tmp.resolve(".s2c/infra.git");
    assertThat(
            GitFixtures.git(
                repo,
                "grep",
                "-l",
                "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0b",
                "main"))
        .contains("terraform/main.tf");
    // the plan's user_prompt secret is asked for by the published deploy.sh
    assertThat(GitFixtures.git(repo, "grep", "-c", "TF_VAR_openrouter_openrouter_api_key", "main"))
        .contains("deploy.sh");
  }

  @Test
  void anUnknownScenarioIsAUsageErrorNamingWhereItLooked() {
    CliRun missing = CliRun.of("to-cloud", "no-such-scenario", "--provider", "do");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .contains("no scenario 'no-such-scenario'", "scenarios/no-such-scenario");
  }
}
