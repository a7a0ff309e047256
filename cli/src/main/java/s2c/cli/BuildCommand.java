package s2c.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.images.ImageBuilder;
import s2c.images.ImagePlanner;
import s2c.images.ImageSpec;
import s2c.images.ImagesManifest;
import s2c.images.ScenarioSource;
import s2c.images.SetupSteps;
import s2c.model.Deployment;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.CompilerVersion;
import s2c.spi.TargetRegistry;
import s2c.write.Executables;
import s2c.write.JsonOutput;

/**
 * {@code build}: an OCI image per service from the scenario's build output, pushed without a daemon
 * (jib-core), and images.json pinning each by digest for {@code compile --images}.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Build and push an image per service from the scenario's build output (no Docker daemon);"
            + " write images.json (service → image pinned by digest) and an SPDX SBOM per image.")
final class BuildCommand implements Callable<Integer> {
  /** A registry and namespace: {@code host[:port]/path}. */
  private static final java.util.regex.Pattern REGISTRY =
      java.util.regex.Pattern.compile(
          "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+$");

  /** The longest a scenario's build of one service may take (a cold npm install included). */
  private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(30);

  @ArgGroup(exclusive = true, multiplicity = "1")
  CompileInputs.Input input;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description = "Values overrides (the environment, the version).")
  List<Path> values = new ArrayList<>();

  @Option(
      names = "--registry",
      paramLabel = "PREFIX",
      required = true,
      description = "Where images go: host[:port]/namespace, e.g. registry.digitalocean.com/team.")
  String registry;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      defaultValue = "linux/amd64",
      description = "linux/amd64 or linux/arm64 (default: ${DEFAULT-VALUE}).")
  String platform;

  @Option(
      names = "--base-image",
      paramLabel = "RUNTIME=REF",
      description =
          "Base image per runtime: binary (default scratch, for static binaries) or static (the file"
              + " server a UI's assets are served by; required for UI services).")
  Map<String, String> baseImages = new LinkedHashMap<>();

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Tag pushed with the image (default: the scenario's version).")
  String tag;

  @Option(
      names = "--insecure-registry",
      description = "Allow a registry over plain HTTP or with an unverified certificate.")
  boolean insecure;

  @Option(
      names = "--no-setup",
      description =
          "Do not run the scenario's setup steps for a service whose build output is missing"
              + " (that service is then an error).")
  boolean noSetup;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where images.json and sbom/ go (default: dist/<scenario>).")
  Path out;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!REGISTRY.matcher(registry).matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--registry must be host[:port]/namespace, got '" + registry + "'");
    }
    if (!platform.equals("linux/amd64") && !platform.equals("linux/arm64")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--platform must be linux/amd64 or linux/arm64");
    }
    for (String runtime : baseImages.keySet()) {
      if (!runtime.equals("binary") && !runtime.equals("static")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--base-image runtime must be binary or static, got " + runtime);
      }
    }
    CompileRequest request =
        new CompileRequest(
            Optional.ofNullable(input.bundle),
            Optional.ofNullable(input.scenarioDir),
            "",
            Optional.empty(),
            values,
            List.of(),
            Optional.empty());
    CompileResult model = new Compiler(TargetRegistry.load()).model(request);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(model.diagnostics());
    if (diagnostics.hasErrors() || model.deployment().isEmpty()) {
      return report(diagnostics, Map.of());
    }
    Deployment d = model.deployment().get();
    Path artifacts =
        input.bundle != null
            ? input.bundle.toAbsolutePath().getParent()
            : input.scenarioDir.toAbsolutePath();
    String imageTag = tag != null ? tag : d.appVersion().replaceAll("[^A-Za-z0-9_.-]", "-");
    Path dir = (out != null ? out : Path.of("dist", d.scenario())).toAbsolutePath().normalize();
    Map<String, Path> builtIn = noSetup ? Map.of() : runSetup(d, artifacts, dir, diagnostics);
    if (diagnostics.hasErrors()) {
      return report(diagnostics, Map.of());
    }
    List<ImageSpec> specs =
        ImagePlanner.plan(
            d,
            new ImagePlanner.Inputs(
                artifacts,
                builtIn,
                registry,
                platform,
                baseImages,
                imageTag,
                ScenarioSource.revision(artifacts)),
            diagnostics);
    if (diagnostics.hasErrors()) {
      return report(diagnostics, Map.of());
    }
    Files.createDirectories(dir.resolve("sbom"));
    ImageBuilder builder =
        new ImageBuilder(
            ImageBuilder.Credentials.fromEnvironment(System.getenv()),
            insecure,
            dir.resolve(".jib-cache"));
    TreeMap<String, String> pinned = new TreeMap<>();
    for (ImageSpec image : specs) {
      String digest;
      try {
        digest = builder.build(image);
      } catch (ImageBuilder.BuildFailure e) {
        spec.commandLine()
            .getErr()
            .println(
                "error: the image of service '"
                    + e.service()
                    + "' could not be built and pushed to "
                    + registry
                    + ": "
                    + e.getMessage());
        spec.commandLine().getErr().flush();
        return Main.PUBLISH_FAILED;
      }
      pinned.put(image.service(), ImagesManifest.pinned(image.reference(), digest));
      Files.writeString(
          dir.resolve("sbom/" + image.service() + ".spdx.json"),
          ImagesManifest.sbom(image, digest, CompilerVersion.VERSION));
    }
    Files.writeString(dir.resolve("images.json"), ImagesManifest.imagesJson(pinned));
    return report(diagnostics, pinned);
  }

  /**
   * Builds, in a clean copy of the scenario, the services whose output is missing; returns where
   * each one was built. Every missing toolchain is named before anything runs.
   */
  private Map<String, Path> runSetup(
      Deployment d, Path artifacts, Path dir, Diagnostics diagnostics) {
    List<SetupSteps.Step> steps = SetupSteps.needed(d, artifacts, platform, diagnostics);
    for (SetupSteps.Step step : steps) {
      for (String tool : SetupSteps.missingTools(step, t -> Executables.onPath(t).isPresent())) {
        diagnostics.error(
            Codes.SETUP_FAILED,
            step.service().origin(),
            "service '"
                + step.service().id()
                + "' is built with '"
                + step.command()
                + "', and "
                + tool
                + " is not installed here (not on PATH)",
            "install " + tool + ", build where it is, or list the built output in the bundle");
      }
    }
    if (steps.isEmpty() || diagnostics.hasErrors()) {
      return Map.of();
    }
    Path work = ScenarioSource.cleanCopy(artifacts, dir);
    Map<String, Path> builtIn = new TreeMap<>();
    for (SetupSteps.Step step : steps) {
      spec.commandLine()
          .getErr()
          .println(
              "building service '"
                  + step.service().id()
                  + "' in "
                  + work.resolve(step.directory())
                  + ": "
                  + step.command());
      spec.commandLine().getErr().flush();
      Path log = dir.resolve("setup/" + step.service().id() + ".log");
      if (SetupSteps.run(step, work, log, SETUP_TIMEOUT, diagnostics)) {
        builtIn.put(step.service().id(), work);
      }
    }
    return builtIn;
  }

  private int report(Diagnostics diagnostics, Map<String, String> pinned) {
    List<Diagnostic> sorted = diagnostics.sorted();
    if (output.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", !diagnostics.hasErrors());
      report.put("images", pinned);
      report.put("diagnostics", DiagnosticPrinter.json(sorted));
      spec.commandLine().getOut().print(JsonOutput.write(report));
    } else {
      DiagnosticPrinter.text(sorted, output.verbose, spec.commandLine().getErr());
      pinned.forEach((service, ref) -> spec.commandLine().getOut().println(service + " " + ref));
    }
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return diagnostics.hasErrors() ? Main.DIAGNOSTICS : Main.OK;
  }
}
