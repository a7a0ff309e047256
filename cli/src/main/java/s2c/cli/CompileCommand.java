package s2c.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.TreeWriter;

/** {@code compile}: render, validate, then write {@code DIR/<scenario>/cloud/<provider>/} atomically. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Render a bundle or scenario for one provider, validate the result and write it.")
final class CompileCommand implements Callable<Integer> {
  static final class Input {
    @Option(names = "--bundle", paramLabel = "FILE", required = true, description = "Bundle manifest (JSON or YAML), schema_version v0.1.")
    Path bundle;

    @Option(names = "--scenario-dir", paramLabel = "DIR", required = true, description = "Vrooli scenario directory (reads .vrooli/service.json).")
    Path scenarioDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--provider", paramLabel = "ID", required = true, description = "Target provider id or alias (see 'providers').")
  String provider;

  @Option(names = "--env", paramLabel = "NAME", description = "Environment name (default: values 'environment', else dev).")
  String env;

  @Option(names = "--values", paramLabel = "FILE", description = "Values overrides, applied in order (repeatable).")
  List<Path> values = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "One override after the values files (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--secrets-plan", paramLabel = "FILE", description = "secrets-manager DeploymentManifest JSON.")
  Path secretsPlan;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "dist", description = "Output root (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(names = {"-v", "--verbose"}, description = "Also print info diagnostics.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  enum OutputFormat { text, json }

  @Override
  public Integer call() throws IOException {
    CompileRequest request = new CompileRequest(Optional.ofNullable(input.bundle), Optional.ofNullable(input.scenarioDir), provider,
        Optional.ofNullable(env), values, sets, Optional.ofNullable(secretsPlan));
    CompileResult result = new Compiler(TargetRegistry.load()).compile(request);
    List<String> written = new ArrayList<>();
    Path dir = null;
    if (result.ok()) {
      dir = out.resolve(result.relativeDir().orElseThrow());
      TreeWriter.replace(dir, result.tree().orElseThrow());
      result.tree().get().files().keySet().forEach(written::add);
    }
    if (output == OutputFormat.json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", result.ok());
      report.put("provider", result.provider());
      report.put("scenario", result.deployment().map(d -> d.scenario()).orElse(null));
      report.put("environment", result.deployment().map(d -> d.environment()).orElse(null));
      report.put("output_dir", dir == null ? null : dir.toString());
      report.put("files", written);
      report.put("diagnostics", DiagnosticPrinter.json(result.diagnostics()));
      spec.commandLine().getOut().print(JsonOutput.write(report));
      spec.commandLine().getOut().flush();
    } else {
      DiagnosticPrinter.text(result.diagnostics(), verbose, spec.commandLine().getErr());
      if (dir != null) {
        spec.commandLine().getOut().println("wrote " + written.size() + " files to " + dir);
        written.forEach(f -> spec.commandLine().getOut().println("  " + f));
        spec.commandLine().getOut().flush();
      }
    }
    return result.ok() ? Main.OK : Main.DIAGNOSTICS;
  }
}
