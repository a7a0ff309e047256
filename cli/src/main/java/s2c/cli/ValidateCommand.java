package s2c.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.ManifestFile;
import s2c.write.TreeWriter;
import tools.jackson.databind.JsonNode;

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
    Diagnostics diagnostics = new Diagnostics();
    String root = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
    Path manifestPath = dir.resolve(ManifestFile.NAME);
    if (!Files.isDirectory(dir) || !Files.isRegularFile(manifestPath)) {
      diagnostics.error(
          Codes.MANIFEST_MISMATCH,
          SourceLocation.file(root + ManifestFile.NAME),
          "not a rendered provider directory: " + ManifestFile.NAME + " is missing",
          "point at dist/<scenario>/cloud/<provider>");
      return report(diagnostics);
    }
    RenderedTree tree = TreeWriter.read(dir);
    JsonNode manifest;
    try {
      manifest = JsonOutput.mapper().readTree(tree.get(ManifestFile.NAME));
    } catch (RuntimeException e) {
      diagnostics.error(
          Codes.SYNTAX,
          SourceLocation.file(root + ManifestFile.NAME),
          "cannot parse the manifest",
          null);
      return report(diagnostics);
    }
    String providerId = manifest.path("provider").asString("");
    Optional<Target> target = TargetRegistry.load().find(providerId);
    if (target.isEmpty()) {
      diagnostics.error(
          Codes.UNKNOWN_PROVIDER,
          SourceLocation.file(root + ManifestFile.NAME),
          "manifest names unknown provider '" + providerId + "'",
          null);
      return report(diagnostics);
    }
    checkDigests(tree, manifest, root, diagnostics, strict);
    diagnostics.addAll(target.get().validate(tree, root, checks.policy()));
    return report(diagnostics);
  }

  private static void checkDigests(
      RenderedTree tree, JsonNode manifest, String root, Diagnostics diagnostics, boolean strict) {
    List<String> listed = new ArrayList<>();
    for (JsonNode file : manifest.path("files")) {
      String path = file.path("path").asString();
      listed.add(path);
      byte[] content = tree.get(path);
      if (content == null) {
        diagnostics.error(
            Codes.MANIFEST_MISMATCH,
            SourceLocation.file(root + path),
            "file listed in the manifest is missing",
            "render again");
      } else if (!ManifestFile.sha256(content).equals(file.path("sha256").asString())) {
        diagnostics.add(
            strict(
                strict,
                SourceLocation.file(root + path),
                "file differs from what scenario-to-cloud rendered (edited by hand?)",
                "change the inputs and render again instead"));
      }
    }
    for (String path : tree.files().keySet()) {
      if (!path.equals(ManifestFile.NAME)
          && !listed.contains(path)
          && !path.startsWith("terraform/.terraform")) {
        diagnostics.add(
            strict(
                strict, SourceLocation.file(root + path), "file is not part of the render", null));
      }
    }
  }

  private static Diagnostic strict(boolean strict, SourceLocation at, String message, String hint) {
    return strict
        ? Diagnostic.error(Codes.MANIFEST_MISMATCH, at, message, hint)
        : Diagnostic.warning(Codes.MANIFEST_MISMATCH, at, message, hint);
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
