package s2c.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.TreeWriter;

/**
 * {@code compile}: render, validate, then write {@code DIR/<scenario>/cloud/<provider>/}
 * atomically.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = "Render a bundle or scenario for one provider, validate the result and write it.")
final class CompileCommand implements Callable<Integer> {
  @CommandLine.Mixin CompileInputs inputs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "dist",
      description = "Output root (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.ArgGroup(exclusive = false)
  TenantFanOut.Options tenants = new TenantFanOut.Options();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (tenants.active()) {
      if (inputs.env != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--env and --tenants: the tenants file names the environments");
      }
      s2c.gitops.PathTemplate template =
          TenantCommands.template(new s2c.gitops.PathTemplate(s2c.gitops.PathTemplate.DEFAULT));
      TargetRegistry targets = TargetRegistry.load();
      return TenantCommands.compile(
          TenantFanOut.render(targets, inputs.request(), tenants, template.template()),
          template,
          out,
          output,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    CompileResult result = new Compiler(TargetRegistry.load()).compile(inputs.request());
    List<String> written = new ArrayList<>();
    Path dir = null;
    if (result.ok()) {
      dir = out.resolve(result.relativeDir().orElseThrow());
      TreeWriter.replace(dir, result.tree().orElseThrow());
      result.tree().get().files().keySet().forEach(written::add);
    }
    if (output.json()) {
      Map<String, Object> report = CompileReport.header(result);
      report.put("output_dir", dir == null ? null : dir.toString());
      report.put("files", written);
      report.put("cost", result.cost().map(c -> c.toJson()).orElse(null));
      report.put("diagnostics", DiagnosticPrinter.json(result.diagnostics()));
      spec.commandLine().getOut().print(JsonOutput.write(report));
      spec.commandLine().getOut().flush();
    } else {
      DiagnosticPrinter.text(result.diagnostics(), output.verbose, spec.commandLine().getErr());
      if (dir != null) {
        spec.commandLine().getOut().println("wrote " + written.size() + " files to " + dir);
        written.forEach(f -> spec.commandLine().getOut().println("  " + f));
        spec.commandLine().getOut().flush();
      }
    }
    return result.ok() ? Main.OK : Main.DIAGNOSTICS;
  }
}
