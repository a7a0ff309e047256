package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.Canary;
import s2c.testing.TestPaths;

/**
 * Feeds recognisable fake secret values through every channel that could carry one and proves no
 * output byte, and no message, contains them.
 */
class CanaryTest {
  @TempDir Path tmp;

  /**
   * Environment: a real subprocess with canary values in the variables a careless tool would read.
   */
  @Test
  void environmentVariablesNeverReachOutput() throws Exception {
    Path out = tmp.resolve("out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                "s2c.cli.Main",
                "compile",
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--provider",
                "digitalocean",
                "--out",
                out.toString(),
                "--output",
                "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("STRIPE_API_KEY", Canary.numbered(1));
    env.put("TF_VAR_stripe_key", Canary.numbered(2));
    env.put("SESSION_KEY", Canary.numbered(3));
    env.put("DIGITALOCEAN_TOKEN", Canary.numbered(4));
    env.put("SPACES_SECRET_ACCESS_KEY", Canary.numbered(5));
    env.put("DATABASE_URL", "postgres://u:" + Canary.numbered(6) + "@db/x");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).doesNotContain("CANARY-s2c-");
    assertThat(filesContaining(out)).isEmpty();
    assertThat(fileCount(out)).isEqualTo(9); // the render and its s2c-verify.json
  }

  /**
   * Publish in a real subprocess with canaries in every credential and secret variable: none
   * reaches the repo.
   */
  @Test
  void publishedCommitsCarryNoEnvironmentSecret() throws Exception {
    Path remote = tmp.resolve("infra.git");
    GitFixtures.bare(remote).close();
    Map<String, String> env =
        Map.of(
            "S2C_GIT_TOKEN",
            Canary.numbered(30),
            "S2C_GIT_PASSWORD",
            Canary.numbered(31),
            "TF_VAR_stripe_key",
            Canary.numbered(32),
            "STRIPE_API_KEY",
            Canary.numbered(33),
            "S2C_REPORT_TOKEN",
            Canary.numbered(34),
            "S2C_FORGE_TOKEN",
            Canary.numbered(35));
    Process p =
        Subprocess.start(
            env,
            "publish",
            "--bundle",
            TestPaths.fixture("multi-service/bundle.yaml").toString(),
            "--values",
            TestPaths.fixture("multi-service/values.prod.yaml").toString(),
            "--provider",
            "do",
            "--repo",
            remote.toUri().toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--report-url",
            "http://127.0.0.1:1/unreachable");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("warning: status report").doesNotContain("CANARY-s2c-");
    assertThat(GitFixtures.git(remote, "log", "-p", "--all", "--format=%H%n%B"))
        .contains("STRIPE_API_KEY")
        .doesNotContain("CANARY-s2c-");
    assertThat(filesContaining(remote)).isEmpty();
    assertThat(filesContaining(tmp.resolve("out"))).isEmpty();
  }

  @Test
  void secretsInValuesFilesAreRefusedWithoutEchoingThem() throws IOException {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, "secrets:\n  stripe_key: " + Canary.numbered(7) + "\n");
    CliRun run = compile("--values", values.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[S2C032]: values must not contain secrets");
    assertNoCanary(run);
  }

  @Test
  void secretsInSetAreRefusedWithoutEchoingThem() throws IOException {
    CliRun run = compile("--set", "secrets.session_key=" + Canary.numbered(8));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("S2C032");
    assertNoCanary(run);
  }

  @Test
  void secretEnvOverridesAreRefusedWithoutEchoingThem() throws IOException {
    CliRun run = compile("--set", "services.api.env.STRIPE_API_KEY=" + Canary.numbered(9));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("S2C032", "STRIPE_API_KEY");
    assertNoCanary(run);
  }

  @Test
  void secretsPlanFieldsNeverReachOutput() throws IOException {
    // Given a plan whose free-form fields carry canaries (a plan never should, but a buggy exporter
    // might)
    Path plan = tmp.resolve("plan.json");
    Files.writeString(
        plan,
        """
        {"scenario": "ledger", "tier": "tier-4-saas", "secrets": [
          {"resource_name": "mailgun", "secret_key": "MAILGUN_KEY", "required": true, "classification": "service",
           "handling_strategy": "prompt", "requires_user_input": true, "owner_contact": "%s",
           "validation_pattern": "%s", "generator_template": {"value": "%s"}, "bundle_hints": {"default": "%s"},
           "fallback_strategy": "%s"}],
         "bundle_secrets": [{"id": "webhook", "class": "per_install_generated", "target": {"type": "env", "name": "WEBHOOK_SECRET"},
           "format": "%s", "generator": {"seed": "%s", "length": 40}}]}
        """
            .formatted(
                Canary.numbered(10),
                Canary.numbered(11),
                Canary.numbered(12),
                Canary.numbered(13),
                Canary.numbered(14),
                Canary.numbered(15),
                Canary.numbered(16)));
    CliRun run = compile("--secrets-plan", plan.toString(), "--output", "json");
    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    assertNoCanary(run);
    assertThat(filesContaining(tmp.resolve("out"))).isEmpty();
    assertThat(Files.readString(tmp.resolve("out/ledger/cloud/digitalocean/terraform/main.tf")))
        .contains("MAILGUN_KEY", "random_password.webhook.result");
  }

  /**
   * A fan-out: per-tenant credentials stay references under each tenant's own secret path; a
   * tenant's values carrying a secret are refused without echoing it, naming the tenant.
   */
  @Test
  void tenantsReferenceSecretsUnderTheirOwnPathsOnly() throws IOException {
    Path tenants = tmp.resolve("tenants.yaml");
    Files.writeString(
        tenants,
        """
        environments: [prod]
        tenants:
          - id: acme
            domain: ledger.acme.example.com
            secret_prefix: acme-co
          - id: globex
            domain: ledger.globex.example.com
        """);
    Path plan = tmp.resolve("plan.json");
    Files.writeString(
        plan,
        """
        {"scenario": "ledger", "tier": "tier-4-saas", "secrets": [
          {"resource_name": "mailgun", "secret_key": "MAILGUN_KEY", "required": true, "classification": "service",
           "handling_strategy": "prompt", "requires_user_input": true, "owner_contact": "%s",
           "generator_template": {"value": "%s"}, "bundle_hints": {"default": "%s"}}]}
        """
            .formatted(Canary.numbered(17), Canary.numbered(18), Canary.numbered(19)));
    CliRun run =
        compileFor(
            "kubernetes", "--tenants", tenants.toString(), "--secrets-plan", plan.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertNoCanary(run);
    for (String[] t :
        List.of(new String[] {"acme", "acme-co"}, new String[] {"globex", "globex"})) {
      String values =
          Files.readString(
              tmp.resolve("out/ledger/" + t[0] + "/prod/kubernetes/chart/ledger/values.yaml"));
      assertThat(values).contains("keyPrefix: ledger/" + t[1] + "/prod");
    }

    Files.writeString(
        tenants,
        Files.readString(tenants)
            .replace(
                "secret_prefix: acme-co",
                "secret_prefix: acme-co\n    values:\n      secrets:\n        stripe_key: "
                    + Canary.numbered(20)));
    CliRun refused = compileFor("kubernetes", "--tenants", tenants.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("error[S2C032]: acme/prod: values must not contain secrets");
    assertNoCanary(refused);
  }

  private CliRun compile(String... extra) {
    return compileFor("do", extra);
  }

  private CliRun compileFor(String provider, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compile",
                "--bundle",
                TestPaths.fixture("multi-service/bundle.yaml").toString(),
                "--values",
                TestPaths.fixture("multi-service/values.prod.yaml").toString(),
                "--provider",
                provider,
                "--out",
                tmp.resolve("out").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private void assertNoCanary(CliRun run) throws IOException {
    assertThat(run.out()).doesNotContain("CANARY-s2c-");
    assertThat(run.err()).doesNotContain("CANARY-s2c-");
    assertThat(filesContaining(tmp.resolve("out"))).isEmpty();
  }

  static List<Path> filesContaining(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> hits = new ArrayList<>();
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (Files.readString(p, StandardCharsets.ISO_8859_1).contains("CANARY-s2c-")) {
          hits.add(p);
        }
      }
      return hits;
    }
  }

  static long fileCount(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
