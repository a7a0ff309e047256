package s2c.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.CiPipelines;
import s2c.gitops.ForgeClient;
import s2c.gitops.PublishException;
import s2c.gitops.PublishGuards;
import s2c.gitops.PublishOutcome;
import s2c.gitops.PublishRefused;
import s2c.gitops.PublishRequest;
import s2c.gitops.Publisher;
import s2c.gitops.StatusReporter;
import s2c.gitops.Trailers;
import s2c.model.Deployment;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.TreeWriter;

/**
 * {@code publish}: compile, validate, commit the render to the infra repo and push; report status.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Compile, validate and commit the render to the infra repository (never force-pushes).")
final class PublishCommand implements Callable<Integer> {
  @CommandLine.Mixin CompileInputs inputs;

  @CommandLine.Mixin RepoOptions repo;

  @Option(
      names = "--message-file",
      paramLabel = "FILE",
      description = "Commit message body (the S2C-* trailers are added).")
  Path messageFile;

  @Option(
      names = "--allow-destroy",
      description =
          "Let this publish destroy or replace what holds data (a database, a volume, a bucket);"
              + " without it such a change is refused and nothing is committed.")
  boolean allowDestroy;

  @Option(
      names = "--pr-description",
      paramLabel = "FILE",
      description = "With --branch: write the pull request description here (default: stdout).")
  Path prDescription;

  @Option(
      names = "--open-pr",
      paramLabel = "FORGE",
      description =
          "With --branch: open a pull request on github, gitlab or gitea (token from S2C_FORGE_TOKEN).")
  ForgeClient.Forge openPr;

  @Option(
      names = "--emit-ci",
      paramLabel = "CI",
      description =
          "Add a plan-on-PR / apply-on-merge pipeline for github or gitlab at the repo root (once).")
  CiPipelines.Kind emitCi;

  @Option(
      names = "--report-url",
      paramLabel = "URL",
      description = "POST deployment status here (default: the bundle's telemetry.upload_url).")
  String reportUrl;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "dist",
      description = "Where the local render and status.json go (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.ArgGroup(exclusive = false)
  TenantFanOut.Options tenants = new TenantFanOut.Options();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    TargetRegistry targets = TargetRegistry.load();
    if (tenants.active()) {
      return publishTenants(targets, stdout, stderr);
    }
    CompileResult result = new Compiler(targets).compile(inputs.request());
    if (!output.json()) {
      DiagnosticPrinter.text(result.diagnostics(), output.verbose, stderr);
    }
    if (!result.ok()) {
      if (output.json()) {
        stdout.print(
            JsonOutput.write(
                Map.of("ok", false, "diagnostics", DiagnosticPrinter.json(result.diagnostics()))));
        stdout.flush();
      }
      return Main.DIAGNOSTICS;
    }
    Deployment d = result.deployment().orElseThrow();
    Path local = out.resolve(result.relativeDir().orElseThrow());
    TreeWriter.replace(local, result.tree().orElseThrow());
    StatusReporter status =
        new StatusReporter(d, result.provider(), Optional.ofNullable(reportUrl));
    try {
      String url = repo.url();
      if (repo.template().hasTenant() && d.tenant().isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--path-template "
                + repo.template().template()
                + " has {tenant}: publish with --tenants, or set tenant.id in the values");
      }
      PublishRequest request =
          PublishRequest.forDeployment(
              d,
              result.provider(),
              result.tree().get(),
              url,
              repo.branch(),
              repo.baseBranch,
              repo.template(),
              messageFile == null
                  ? Optional.empty()
                  : Optional.of(Files.readString(messageFile, StandardCharsets.UTF_8)),
              repo.access(),
              repo.maxAttempts);
      request =
          request.withGate(
              new PublishGuards(
                  d.guardrails(),
                  Optional.ofNullable(inputs.approvedCost),
                  allowDestroy,
                  targets.statefulTypes(),
                  request.path()));
      if (inputs.approvedCost != null) {
        request = request.withTrailer(Trailers.APPROVED_COST, inputs.approvedCost.toPlainString());
      }
      Map<String, byte[]> rootFiles =
          emitCi == null ? Map.of() : CiPipelines.files(emitCi, targets.all());
      PublishOutcome outcome = new Publisher().publish(request, rootFiles);
      status.published(outcome, url).forEach(w -> stderr.println("warning: " + w));
      status.writeStatusFile(
          local.resolveSibling(result.provider() + ".status.json"), outcome, url);
      String description = outcome.summary().toMarkdown(request.subject());
      Optional<String> prUrl = Optional.empty();
      if (repo.reviewBranch() && !outcome.unchanged()) {
        if (prDescription != null) {
          Files.writeString(prDescription, description, StandardCharsets.UTF_8);
        } else if (!output.json()) {
          stdout.println(description);
        }
        if (openPr != null) {
          prUrl =
              Optional.of(
                  ForgeClient.fromEnvironment(openPr, url)
                      .open(repo.branch(), repo.baseBranch, request.subject(), description));
        }
      }
      report(stdout, outcome, url, description, prUrl);
      return Main.OK;
    } catch (PublishRefused refused) {
      if (output.json()) {
        stdout.print(
            JsonOutput.write(
                Map.of(
                    "ok", false,
                    "diagnostics", DiagnosticPrinter.json(refused.refusals()),
                    "pr_description", refused.summary().toMarkdown("Refused: not committed"))));
        stdout.flush();
      } else {
        DiagnosticPrinter.text(refused.refusals(), output.verbose, stderr);
        stderr.println("nothing was committed");
        stderr.flush();
      }
      return Main.DIAGNOSTICS;
    } catch (PublishException e) {
      status.failed(e.getMessage()).forEach(w -> stderr.println("warning: " + w));
      stderr.println("error: " + e.getMessage());
      stderr.flush();
      return Main.PUBLISH_FAILED;
    }
  }

  private int publishTenants(TargetRegistry targets, PrintWriter stdout, PrintWriter stderr)
      throws IOException, InterruptedException {
    if (inputs.env != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--env and --tenants: the tenants file names the environments");
    }
    s2c.gitops.PathTemplate template;
    try {
      template = TenantCommands.template(repo.template());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    TenantFanOut.Result result =
        TenantFanOut.render(targets, inputs.request(), tenants, template.template());
    return TenantCommands.publish(
        result,
        targets,
        repo,
        template,
        Optional.ofNullable(inputs.approvedCost),
        allowDestroy,
        messageFile == null
            ? Optional.empty()
            : Optional.of(Files.readString(messageFile, StandardCharsets.UTF_8)),
        emitCi == null ? Map.of() : CiPipelines.files(emitCi, targets.all()),
        new TenantCommands.Review(Optional.ofNullable(prDescription), Optional.ofNullable(openPr)),
        false,
        output,
        stdout,
        stderr);
  }

  private void report(
      PrintWriter stdout,
      PublishOutcome outcome,
      String url,
      String description,
      Optional<String> prUrl) {
    String safeUrl = s2c.gitops.Redaction.redact(url);
    if (output.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("unchanged", outcome.unchanged());
      m.put("commit", outcome.commitId());
      m.put("repo", safeUrl);
      m.put("branch", outcome.branch());
      m.put("path", outcome.path());
      m.put("attempts", outcome.attempts());
      m.put("summary", outcome.summary().oneLine());
      m.put("pr_description", description);
      m.put("pull_request", prUrl.orElse(null));
      stdout.print(JsonOutput.write(m));
    } else if (outcome.unchanged()) {
      stdout.println(
          "unchanged: "
              + outcome.path()
              + " on "
              + outcome.branch()
              + " already matches the render; no commit (tip "
              + outcome.commitId()
              + ")");
    } else {
      stdout.println(
          "published "
              + outcome.commitId()
              + " to "
              + safeUrl
              + " "
              + outcome.branch()
              + ":"
              + outcome.path());
      stdout.println("  " + outcome.summary().oneLine());
      prUrl.ifPresent(u -> stdout.println("  pull request: " + u));
    }
    stdout.flush();
  }
}
