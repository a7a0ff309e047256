package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * Values guardrails and publish confirmations: a budget over the estimate needs an explicit amount
 * (recorded in the commit), a cost rise over max_increase_pct too, replicas and regions over their
 * limits are errors at the values, and a publish that would destroy a database needs
 * --allow-destroy; a refused publish commits nothing. The PR description shows the cost before and
 * after, the status file the estimate.
 */
class GuardrailsTest {
  @TempDir Path tmp;

  private Path values(String yaml) throws Exception {
    return Files.writeString(tmp.resolve("guardrails-" + yaml.hashCode() + ".yaml"), yaml);
  }

  private static CliRun pickerWheel(String command, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--scenario-dir",
                TestPaths.fixture("picker-wheel").toString(),
                "--values",
                TestPaths.fixture("picker-wheel/values.prod.yaml").toString(),
                "--provider",
                "do"));
    args.addAll(Arrays.asList(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void anEstimateOverTheBudgetNeedsAnAmountAtLeastTheEstimate() throws Exception {
    Path budget = values("guardrails:\n  max_monthly_usd: 50\n");
    CliRun over = pickerWheel("cost", "--values", budget.toString());
    assertThat(over.exit()).isEqualTo(1);
    assertThat(over.err())
        .contains(budget + ":2:3: error[S2C110]", "$108.90 a month", "max_monthly_usd $50")
        .contains("--approve-cost 108.90");
    CliRun tooLittle = pickerWheel("cost", "--values", budget.toString(), "--approve-cost", "100");
    assertThat(tooLittle.exit()).isEqualTo(1);
    assertThat(tooLittle.err()).contains("the approved $100 is less than the estimate");
    CliRun approved =
        pickerWheel("cost", "--values", budget.toString(), "--approve-cost", "108.90");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("108.90");
  }

  @Test
  void replicasAndRegionsOverTheirLimitsAreErrorsAtTheValues() throws Exception {
    Path limits = values("guardrails:\n  max_replicas: 1\n  allow_regions: [sfo3, ams3]\n");
    CliRun run = pickerWheel("compile", "--values", limits.toString(), "--out", tmp.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("error[S2C110]: service 'api' runs 2 replicas; guardrails.max_replicas is 1")
        .contains(limits + ":3:3: error[S2C110]: region 'nyc3' is not in guardrails.allow_regions");
    assertThat(tmp.resolve("picker-wheel")).doesNotExist();
  }

  /** Each target checks the size it picked: an App Platform size, a Fargate task, pod requests. */
  @Test
  void anInstanceOverMaxInstanceSizeIsAnErrorAtTheServiceOnEveryContainerTarget() throws Exception {
    Path limit = values("guardrails:\n  max_instance_size: {cpu: 0.5, memory: 512Mi}\n");
    String[][] runs = {
      {"do", "App Platform apps-s-1vcpu-1gb (1 vCPU, 1024 Mi)"},
      {"aws", "a Fargate task of 512 CPU units / 1024 MiB"},
      {"kubernetes", "pods requesting 2000m (2 vCPU, 512 Mi)"}
    };
    for (String[] run : runs) {
      String provider = run[0];
      CliRun compile =
          CliRun.of(
              "compile",
              "--scenario-dir",
              TestPaths.fixture("picker-wheel").toString(),
              "--values",
              TestPaths.fixture(
                      "picker-wheel/values."
                          + (provider.equals("do") ? "prod" : provider)
                          + ".yaml")
                  .toString(),
              "--values",
              limit.toString(),
              "--set",
              provider.equals("kubernetes") ? "services.api.size.cpu=2" : "environment=prod",
              "--provider",
              provider,
              "--checks",
              "fast",
              "--out",
              tmp.resolve(provider).toString());
      assertThat(compile.exit()).as(provider).isEqualTo(1);
      assertThat(compile.err())
          .as(provider)
          .contains("error[S2C110]: service 'api' runs on " + run[1])
          .contains("over guardrails.max_instance_size (0.5 vCPU, 512 Mi, " + limit + ":2:3)");
    }
  }

  @Test
  void aPublishThatRaisesTheCostOrDestroysADatabaseNeedsConfirmation() throws Exception {
    Path repo = tmp.resolve("infra.git");
    GitFixtures.bare(repo).close();
    String url = repo.toUri().toString();
    Path out = tmp.resolve("dist");
    CliRun first = pickerWheel("publish", "--repo", url, "--out", out.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode status =
        YamlOutput.read(
            Files.readString(out.resolve("picker-wheel/cloud/digitalocean.status.json")));
    assertThat(status.path("monthly_usd").decimalValue()).isEqualByComparingTo("108.90");
    assertThat(status.path("prices_as_of").asString()).isEqualTo("2026-10-02");
    String tip = head(repo);

    // 8 API instances: $108.90 → $180.90 (+66 %) is over the default 50 %
    CliRun rise =
        pickerWheel("publish", "--repo", url, "--set", "services.api.replicas=8", "--output=json");
    assertThat(rise.exit()).isEqualTo(1);
    assertThat(rise.out())
        .contains("S2C110", "rises from $108.90 to $180.90", "max_increase_pct 50 %")
        .contains("| **total** | 108.90 | 180.90 | +72.00 (+66.1 %) |");
    assertThat(head(repo)).as("nothing committed").isEqualTo(tip);

    CliRun confirmed =
        pickerWheel(
            "publish",
            "--repo",
            url,
            "--set",
            "services.api.replicas=8",
            "--approve-cost",
            "180.90",
            "--branch",
            "bigger-api",
            "--pr-description",
            tmp.resolve("pr.md").toString());
    assertThat(confirmed.exit()).as(confirmed.err()).isZero();
    assertThat(message(repo, "bigger-api")).contains("S2C-Approved-Cost: 180.90");
    assertThat(Files.readString(tmp.resolve("pr.md")))
        .contains(
            "### Cost (USD a month)",
            "| api: App Platform service apps-s-1vcpu-1gb | 24.00 | 96.00 | +72.00 |");

    // the managed database gone: its data with it
    CliRun destroy =
        pickerWheel("publish", "--repo", url, "--set", "resources.postgres.mode=external");
    assertThat(destroy.exit()).isEqualTo(1);
    assertThat(destroy.err())
        .contains("error[S2C111]", "digitalocean_database_cluster.postgres would be destroyed")
        .contains("--allow-destroy");
    assertThat(head(repo)).isEqualTo(tip);
    CliRun allowed =
        pickerWheel(
            "publish",
            "--repo",
            url,
            "--set",
            "resources.postgres.mode=external",
            "--allow-destroy");
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(head(repo)).isNotEqualTo(tip);
  }

  private static String head(Path repo) throws Exception {
    try (Repository r = Git.open(repo.toFile()).getRepository()) {
      return r.resolve("refs/heads/main").name();
    }
  }

  private static String message(Path repo, String branch) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      RevCommit c =
          git.log()
              .add(git.getRepository().resolve("refs/heads/" + branch))
              .setMaxCount(1)
              .call()
              .iterator()
              .next();
      return c.getFullMessage();
    }
  }
}
