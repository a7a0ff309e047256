package s2c.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import s2c.pipeline.CompileRequest;

/** The input options shared by compile, publish and diff, with the same names everywhere. */
final class CompileInputs {
  static final class Input {
    @Option(
        names = "--bundle",
        paramLabel = "FILE",
        required = true,
        description = "Bundle manifest (JSON or YAML), schema_version v0.1.")
    Path bundle;

    @Option(
        names = "--scenario-dir",
        paramLabel = "DIR",
        required = true,
        description = "Vrooli scenario directory (reads .vrooli/service.json).")
    Path scenarioDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      required = true,
      description = "Target provider id or alias (see 'providers').")
  String provider;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description = "Environment name (default: values 'environment', else dev).")
  String env;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description = "Values overrides, applied in order (repeatable).")
  List<Path> values = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "One override after the values files (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--secrets-plan",
      paramLabel = "FILE",
      description = "secrets-manager DeploymentManifest JSON.")
  Path secretsPlan;

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description =
          "images.json of 'build': {service: registry/repository@sha256:…}; every image pinned by digest.")
  Path images;

  @Option(
      names = "--approve-cost",
      paramLabel = "USD",
      description =
          "Confirm a monthly estimate up to this amount over guardrails.max_monthly_usd (or a rise"
              + " over max_increase_pct); publish records it as the trailer S2C-Approved-Cost.")
  java.math.BigDecimal approvedCost;

  @picocli.CommandLine.Mixin ChecksOption checks = new ChecksOption();

  CompileRequest request() {
    return new CompileRequest(
            Optional.ofNullable(input.bundle),
            Optional.ofNullable(input.scenarioDir),
            provider,
            Optional.ofNullable(env),
            values,
            sets,
            Optional.ofNullable(secretsPlan),
            checks.policy())
        .withImages(Optional.ofNullable(images).map(s2c.pipeline.InputDocument::file))
        .withApprovedCost(Optional.ofNullable(approvedCost));
  }
}
