package s2c.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.pipeline.RenderedValidation;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.TreeWriter;

/** {@code validate DIR}: the compile-time validators, run on a directory already on disk. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate an already-rendered provider directory (the one holding s2c-manifest.json).")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "DIR",
      description = "A rendered provider directory, e.g. dist/picker-wheel/cloud/digitalocean.")
  Path dir;

  @CommandLine.Option(
      names = "--strict",
      description =
          "Hand edits and files outside the render are errors (exit 1), not warnings: for CI.")
  boolean strict;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Mixin ChecksOption checks = new ChecksOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String root = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
    RenderedTree tree =
        Files.isDirectory(dir) ? TreeWriter.read(dir) : RenderedTree.builder().build();
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(
        new RenderedValidation(TargetRegistry.load())
            .validate(tree, root, strict, checks.policy()));
    return report(diagnostics);
  }

  private int report(Diagnostics diagnostics) {
    List<Diagnostic> sorted = diagnostics.sorted();
    if (output.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", !diagnostics.hasErrors());
      report.put("diagnostics", DiagnosticPrinter.json(sorted));
      spec.commandLine().getOut().print(JsonOutput.write(report));
      spec.commandLine().getOut().flush();
    } else {
      DiagnosticPrinter.text(sorted, output.verbose, spec.commandLine().getErr());
      if (!diagnostics.hasErrors()) {
        spec.commandLine().getOut().println("valid: " + dir);
        spec.commandLine().getOut().flush();
      }
    }
    return diagnostics.hasErrors() ? Main.DIAGNOSTICS : Main.OK;
  }
}
