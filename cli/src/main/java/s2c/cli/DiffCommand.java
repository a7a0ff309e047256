package s2c.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.ChangeSummary;
import s2c.gitops.PublishException;
import s2c.gitops.Publisher;
import s2c.gitops.UnifiedDiff;
import s2c.model.Deployment;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;

/**
 * {@code diff}: what a publish would change, as a unified diff and a summary; exit 0 identical, 1
 * different.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Render and compare with the infra repository (exit 0 identical, 1 different, like git diff --exit-code).")
final class DiffCommand implements Callable<Integer> {
  @CommandLine.Mixin CompileInputs inputs;

  @CommandLine.Mixin RepoOptions repo;

  @Option(
      names = "--against",
      paramLabel = "REF",
      description = "Branch or commit to compare with (default: the branch tip).")
  String against;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.ArgGroup(exclusive = false)
  TenantFanOut.Options tenants = new TenantFanOut.Options();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (tenants.active()) {
      if (inputs.env != null || against != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--env and --against are not available with --tenants");
      }
      s2c.gitops.PathTemplate template;
      try {
        template = TenantCommands.template(repo.template());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      TargetRegistry targets = TargetRegistry.load();
      return TenantCommands.publish(
          TenantFanOut.render(targets, inputs.request(), tenants, template.template()),
          targets,
          repo,
          template,
          java.util.Optional.empty(),
          true,
          java.util.Optional.empty(),
          java.util.Map.of(),
          TenantCommands.Review.none(),
          true,
          output,
          stdout,
          stderr);
    }
    CompileResult result = new Compiler(TargetRegistry.load()).compile(inputs.request());
    DiagnosticPrinter.text(result.diagnostics(), output.verbose, stderr);
    if (!result.ok()) {
      return Main.DIAGNOSTICS;
    }
    Deployment d = result.deployment().orElseThrow();
    try {
      String path;
      try {
        path = s2c.gitops.PublishRequest.path(repo.template(), d, result.provider());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      Map<String, byte[]> before =
          Publisher.read(
              repo.url(), against != null ? against : repo.branch(), path, repo.access());
      Map<String, byte[]> after = result.tree().get().files();
      ChangeSummary summary = ChangeSummary.between(before, after);
      if (output.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identical", summary.isEmpty());
        m.put("path", path);
        m.put("summary", summary);
        m.put("diff", UnifiedDiff.of(path, before, after));
        stdout.print(JsonOutput.write(m));
      } else {
        stdout.print(UnifiedDiff.of(path, before, after));
        stdout.println(
            summary.isEmpty() ? "identical: " + path : summary.toMarkdown("Changes to " + path));
      }
      stdout.flush();
      return summary.isEmpty() ? Main.OK : Main.DIAGNOSTICS;
    } catch (PublishException e) {
      stderr.println("error: " + e.getMessage());
      stderr.flush();
      return Main.PUBLISH_FAILED;
    }
  }
}
