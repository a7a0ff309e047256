package s2c.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import s2c.write.JsonOutput;
import s2c.write.ToolRunner;
import tools.jackson.databind.JsonNode;

/**
 * {@code to-cloud}: the one command Vrooli's {@code vrooli scenario to-cloud <name>} maps onto —
 * publish (compile, validate, commit, push), then, when asked, the render's own {@code deploy.sh
 * apply} and {@code verify}. Each stage is the command of the same name, run in this process.
 */
@Command(
    name = "to-cloud",
    mixinStandardHelpOptions = true,
    description =
        "Compile and publish a scenario (by name under $VROOLI_ROOT/scenarios, or a path); with"
            + " --apply run the render's deploy.sh, with --verify check the deployment.")
final class ToCloudCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario name or directory.")
  String scenario;

  @Option(names = "--provider", required = true, paramLabel = "ID")
  String provider;

  @Option(names = "--env", paramLabel = "NAME")
  String env;

  @Option(names = "--values", paramLabel = "FILE")
  List<Path> values = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--secrets-plan",
      paramLabel = "FILE",
      description = "secrets-manager DeploymentManifest JSON (as publish).")
  Path secretsPlan;

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description = "images.json of 'build': every image pinned by digest (as publish).")
  Path images;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "verify of a Kubernetes render: the cluster to read the rollout from.")
  Path kubeconfig;

  @Option(names = "--apply", description = "Run the render's deploy.sh apply after publishing.")
  boolean apply;

  @Option(
      names = "--verify",
      description =
          "After the apply, run verify with --rollback-on-failure (its URL from Terraform's outputs,"
              + " --url, or the domain).")
  boolean verify;

  @Option(names = "--url", paramLabel = "BASE_URL", description = "Where verify checks.")
  String url;

  @Option(
      names = "--verify-timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "verify's --timeout (default ${DEFAULT-VALUE}).")
  String verifyTimeout;

  @Option(names = "--approve-cost", paramLabel = "USD")
  String approvedCost;

  @Option(names = "--repo", paramLabel = "URL", description = "The infra repository.")
  String repo;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "dist",
      description = "Where the local render goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path dir = resolve();
    List<String> publish = new ArrayList<>(List.of("publish", "--scenario-dir", dir.toString()));
    publish.addAll(List.of("--provider", provider, "--out", out.toString(), "--output", "json"));
    add(publish, "--env", env);
    values.forEach(v -> add(publish, "--values", v.toString()));
    sets.forEach(s -> add(publish, "--set", s));
    add(publish, "--approve-cost", approvedCost);
    add(publish, "--secrets-plan", secretsPlan == null ? null : secretsPlan.toString());
    add(publish, "--images", images == null ? null : images.toString());
    add(publish, "--repo", repo);
    stage(err, "publish " + dir.getFileName() + " to " + provider);
    Run published = run(publish);
    if (published.exit() != Main.OK) {
      err.print(published.err());
      err.print(published.out());
      err.flush();
      return published.exit();
    }
    JsonNode result = JsonOutput.mapper().readTree(published.out());
    Path render = renderDir(dir);
    String health = "not checked (--verify)";
    if (apply) {
      stage(err, "apply: " + render.resolve("deploy.sh") + " apply");
      ToolRunner.Result applied =
          ToolRunner.run(
              List.of("bash", render.resolve("deploy.sh").toString(), "apply"),
              render,
              Map.of(),
              Duration.ofHours(2));
      err.print(applied.output());
      if (applied.exitCode() != 0) {
        err.println("error: deploy.sh apply failed (exit " + applied.exitCode() + ")");
        err.flush();
        return Main.PUBLISH_FAILED;
      }
    }
    if (verify) {
      List<String> check = new ArrayList<>(List.of("verify", "--dir", render.toString()));
      check.add("--rollback-on-failure");
      add(check, "--timeout", verifyTimeout);
      add(check, "--repo", repo);
      add(check, "--kubeconfig", kubeconfig == null ? null : kubeconfig.toString());
      if (url != null) {
        add(check, "--url", url);
      } else if (apply && Files.isDirectory(render.resolve("terraform"))) {
        ToolRunner.Result outputs =
            ToolRunner.run(
                List.of("terraform", "-chdir=" + render.resolve("terraform"), "output", "-json"),
                render,
                Map.of(),
                Duration.ofMinutes(5));
        Path file = Files.createTempFile("s2c-outputs", ".json");
        Files.writeString(file, outputs.output());
        add(check, "--outputs", file.toString());
      }
      stage(err, "verify");
      Run verified = run(check);
      spec.commandLine().getOut().print(verified.out());
      err.print(verified.err());
      health = verified.exit() == Main.OK ? "healthy" : "unhealthy (rolled back when possible)";
      if (verified.exit() != Main.OK) {
        summary(result, health);
        cost(render);
        return verified.exit();
      }
    }
    summary(result, health);
    cost(render);
    return Main.OK;
  }

  /** The estimate the render carries, for the final summary. */
  private void cost(Path render) throws java.io.IOException {
    Path manifest = render.resolve("s2c-manifest.json");
    if (Files.isRegularFile(manifest)) {
      JsonNode cost = JsonOutput.mapper().readTree(Files.readString(manifest)).path("cost");
      if (cost.isObject()) {
        spec.commandLine()
            .getErr()
            .println(
                "  cost: $"
                    + cost.path("monthly_usd").decimalValue().setScale(2).toPlainString()
                    + " a month (list prices as of "
                    + cost.path("prices_as_of").asString()
                    + "; `cost` for the lines)");
        spec.commandLine().getErr().flush();
      }
    }
  }

  /** A name: $VROOLI_ROOT/scenarios/<name>, else ./scenarios/<name>; else a directory. */
  private Path resolve() {
    List<Path> candidates = new ArrayList<>();
    if (scenario.matches("[a-z0-9][a-z0-9-]*")) {
      String root = System.getenv("VROOLI_ROOT");
      if (root != null && !root.isBlank()) {
        candidates.add(Path.of(root, "scenarios", scenario));
      }
      candidates.add(Path.of("scenarios", scenario));
    }
    candidates.add(Path.of(scenario));
    for (Path c : candidates) {
      if (Files.isRegularFile(c.resolve(".vrooli/service.json"))) {
        return c;
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "no scenario '"
            + scenario
            + "': looked for .vrooli/service.json in "
            + String.join(", ", candidates.stream().map(Path::toString).toList()));
  }

  /** {@code <out>/<scenario>/cloud/<provider id>}, as publish wrote it. */
  private Path renderDir(Path dir) throws java.io.IOException {
    String name =
        JsonOutput.mapper()
            .readTree(Files.readString(dir.resolve(".vrooli/service.json")))
            .path("service")
            .path("name")
            .asString();
    String id = s2c.spi.TargetRegistry.load().find(provider).map(t -> t.id()).orElse(provider);
    return out.toAbsolutePath().normalize().resolve(name).resolve("cloud").resolve(id);
  }

  private void summary(JsonNode published, String health) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "done: "
            + (published.path("unchanged").asBoolean() ? "unchanged, tip " : "commit ")
            + published.path("commit").asString()
            + " on "
            + published.path("repo").asString()
            + " "
            + published.path("branch").asString()
            + ":"
            + published.path("path").asString());
    err.println("  health: " + health);
    err.flush();
  }

  private static void stage(PrintWriter err, String what) {
    err.println("::: " + what);
    err.flush();
  }

  private static void add(List<String> args, String option, String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }

  private record Run(int exit, String out, String err) {}

  /** One of this CLI's commands, in this process, with its output captured. */
  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = args.toArray(String[]::new);
    int exit =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), argv)
            .execute(argv);
    return new Run(exit, out.toString(), err.toString());
  }
}
