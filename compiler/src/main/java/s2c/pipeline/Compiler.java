package s2c.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import s2c.diag.Suggestions;
import s2c.load.CloudManifestConverter;
import s2c.load.DocumentReader;
import s2c.load.Locator;
import s2c.load.ScenarioDirConverter;
import s2c.load.SetExpression;
import s2c.load.SourceDocument;
import s2c.load.ValuesOverlay;
import s2c.model.Deployment;
import s2c.schema.SchemaValidator;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.write.ManifestFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline: load → overlay values → schema-validate → immutable model → provider render →
 * output validation. Reads input files (the only I/O here) and never writes: writing the tree is
 * the caller's separate step. Every stage adds to one diagnostics list; later stages run only while
 * there is no error, so each error is reported once, at its source.
 */
public final class Compiler {
  private final TargetRegistry targets;

  public Compiler(TargetRegistry targets) {
    this.targets = targets;
  }

  private record Input(JsonNode tree, Locator locator, String digest, String name) {}

  /**
   * Renders and validates the output (the target's checks, external programs as the request's
   * policy says).
   */
  public CompileResult compile(CompileRequest request) {
    return run(request, true);
  }

  /**
   * Renders without the target's output validation: the input checks, the model and the render
   * only. For callers that validate separately or check the tree themselves (the injection test).
   */
  public CompileResult render(CompileRequest request) {
    return run(request, false);
  }

  /**
   * The model only: inputs checked and overlaid, nothing rendered. For commands that act on the
   * scenario itself rather than on a target's output (building its images); the request's provider
   * is not needed and not checked.
   */
  public CompileResult model(CompileRequest request) {
    return run(request, false, true);
  }

  private CompileResult run(CompileRequest request, boolean validateOutput) {
    return run(request, validateOutput, false);
  }

  private CompileResult run(CompileRequest request, boolean validateOutput, boolean modelOnly) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<Target> target = targets.find(request.provider());
    if (target.isEmpty() && !modelOnly) {
      diagnostics.error(
          Codes.UNKNOWN_PROVIDER,
          SourceLocation.file("--provider"),
          "unknown provider '" + request.provider() + "'",
          Suggestions.didYouMean(request.provider(), targets.names()));
    }
    String providerId = target.map(Target::id).orElse(request.provider());
    List<Map<String, String>> inputs = new ArrayList<>();
    Optional<Input> bundle =
        request.bundle().isPresent()
            ? loadBundle(request.bundle().get(), diagnostics)
            : request.scenarioDir().isPresent()
                ? loadScenarioDir(request.scenarioDir().get(), diagnostics)
                : read(request.serviceJson().get(), diagnostics)
                    .flatMap(doc -> scenario(doc, diagnostics));
    bundle.ifPresent(b -> inputs.add(Map.of("name", b.name(), "sha256", b.digest())));
    ValuesOverlay overlay = new ValuesOverlay();
    List<SourceDocument> manifestPlans = new ArrayList<>();
    for (InputDocument file : request.values()) {
      read(file, diagnostics)
          .ifPresent(
              doc -> {
                inputs.add(
                    Map.of(
                        "name", file.recordedName(), "sha256", ManifestFile.sha256(doc.bytes())));
                if (CloudManifestConverter.isCloudManifest(doc.root())) {
                  // Vrooli's own VPS deployer manifest: where and how to deploy, read as values
                  CloudManifestConverter.Converted converted =
                      CloudManifestConverter.convert(doc, targets.all());
                  overlay.apply(converted.values(), converted.locator());
                  converted.plan().ifPresent(manifestPlans::add);
                  return;
                }
                overlay.apply(stripSecrets(doc.root(), doc, diagnostics), doc);
              });
    }
    // images pinned by digest, after the values files (they name what was built) and before --set
    request
        .images()
        .flatMap(file -> read(file, diagnostics).map(doc -> Map.entry(file, doc)))
        .ifPresent(
            e -> {
              inputs.add(
                  Map.of(
                      "name",
                      e.getKey().recordedName(),
                      "sha256",
                      ManifestFile.sha256(e.getValue().bytes())));
              s2c.load.ImagesFile.read(e.getValue(), diagnostics)
                  .ifPresent(layer -> overlay.apply(layer.values(), layer.locator()));
            });
    for (String set : request.setExpressions()) {
      SetExpression.parse(set, diagnostics)
          .ifPresent(
              expr -> {
                // the path and a digest of the whole expression, never the value: an audit can
                // check what
                // was set and reproduce the render with the same --set, and nothing secret is
                // written
                Map<String, String> recorded = new LinkedHashMap<>();
                recorded.put("name", "--set " + String.join(".", expr.path()));
                recorded.put(
                    "sha256",
                    ManifestFile.sha256(set.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                inputs.add(recorded);
                overlay.apply(
                    stripSecrets(expr.asLayer(), expr.locator(), diagnostics), expr.locator());
              });
    }
    Optional<SourceDocument> planFile = request.secretsPlan().flatMap(p -> read(p, diagnostics));
    planFile.ifPresent(
        p ->
            inputs.add(
                Map.of(
                    "name",
                    request.secretsPlan().get().recordedName(),
                    "sha256",
                    ManifestFile.sha256(p.bytes()))));
    if (planFile.isPresent() && !manifestPlans.isEmpty()) {
      diagnostics.warning(
          Codes.SECRET_CLASS_CONFLICT,
          SourceLocation.file(manifestPlans.get(0).name()),
          "the CloudManifest's bundle_secrets are ignored because --secrets-plan was given",
          null);
    }
    Optional<SourceDocument> plan =
        planFile.isPresent() || manifestPlans.isEmpty()
            ? planFile
            : Optional.of(manifestPlans.get(manifestPlans.size() - 1));

    bundle.ifPresent(b -> validateBundleSchema(b, diagnostics));
    JsonNode values = overlay.tree();
    Locator valuesLocator = overlay.locator();
    diagnostics.addAll(ValuesSchema.validate(targets.all(), values, valuesLocator));
    plan.ifPresent(
        p -> diagnostics.addAll(SchemaValidator.of(SchemaValidator.SECRETS_PLAN).validate(p)));
    if (diagnostics.hasErrors() || bundle.isEmpty() || (target.isEmpty() && !modelOnly)) {
      return new CompileResult(
          diagnostics.sorted(), Optional.empty(), Optional.empty(), providerId);
    }

    Optional<Deployment> model =
        ModelBuilder.build(
            new ModelInputs(
                bundle.get().tree(),
                bundle.get().locator(),
                values,
                valuesLocator,
                plan,
                request.environment(),
                bundle.get().digest(),
                bundle.get().name()),
            diagnostics);
    if (model.isEmpty()) {
      return new CompileResult(
          diagnostics.sorted(), Optional.empty(), Optional.empty(), providerId);
    }
    if (modelOnly) {
      return new CompileResult(diagnostics.sorted(), model, Optional.empty(), providerId);
    }
    Deployment deployment = model.get();
    RenderResult rendered =
        target.get().render(deployment, new RenderContext(CompilerVersion.VERSION));
    diagnostics.addAll(rendered.diagnostics());
    String displayRoot = deployment.scenario() + "/cloud/" + providerId + "/";
    rendered.cost().ifPresent(cost -> CostWarnings.report(cost, displayRoot, diagnostics));
    GuardrailCheck.check(deployment, rendered.cost(), request.approvedCost(), diagnostics);
    if (diagnostics.hasErrors()) {
      return new CompileResult(
          diagnostics.sorted(), model, Optional.empty(), providerId, rendered.cost());
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("compiler", CompilerVersion.NAME);
    header.put("compiler_version", CompilerVersion.VERSION);
    header.put("provider", providerId);
    header.put("scenario", deployment.scenario());
    header.put("environment", deployment.environment());
    header.put("inputs", inputs);
    deployment
        .tenant()
        .ifPresent(
            t -> {
              header.put("tenant", t.id());
              header.put("secret_scope", deployment.secretScope().orElseThrow());
            });
    rendered.cost().ifPresent(cost -> header.put("cost", cost.toJson()));
    RenderedTree tree =
        ManifestFile.addTo(
            rendered
                .tree()
                .with(VerifyPlan.NAME, VerifyPlan.of(deployment, providerId, rendered.rollout())),
            header);
    if (validateOutput) {
      diagnostics.addAll(target.get().validate(tree, displayRoot, request.checks()));
      if (request.checks() == Checks.FAST && !target.get().externalChecks().isEmpty()) {
        diagnostics.info(
            Codes.CHECK_SKIPPED,
            SourceLocation.file(displayRoot),
            "not run (--checks fast): " + String.join(", ", target.get().externalChecks()),
            "--checks full runs them where they are installed");
      }
    }
    return new CompileResult(
        diagnostics.sorted(),
        model,
        diagnostics.hasErrors() ? Optional.empty() : Optional.of(tree),
        providerId,
        rendered.cost());
  }

  private static Optional<SourceDocument> read(InputDocument input, Diagnostics diagnostics) {
    if (input instanceof InputDocument.File f) {
      return DocumentReader.read(f.path(), f.displayName(), diagnostics);
    }
    InputDocument.Inline inline = (InputDocument.Inline) input;
    return DocumentReader.parse(inline.bytes(), inline.displayName(), diagnostics);
  }

  private Optional<Input> loadBundle(InputDocument file, Diagnostics diagnostics) {
    return read(file, diagnostics)
        .map(
            doc ->
                new Input(doc.root(), doc, ManifestFile.sha256(doc.bytes()), file.recordedName()));
  }

  private static Optional<Input> scenario(SourceDocument serviceJson, Diagnostics diagnostics) {
    return ScenarioDirConverter.convert(serviceJson, diagnostics)
        .map(
            c ->
                new Input(
                    c.bundle(),
                    c.locator(),
                    ManifestFile.sha256(serviceJson.bytes()),
                    ".vrooli/service.json"));
  }

  private Optional<Input> loadScenarioDir(Path dir, Diagnostics diagnostics) {
    Path serviceJson = dir.resolve(".vrooli").resolve("service.json");
    if (!Files.isRegularFile(serviceJson)) {
      diagnostics.error(
          Codes.SCENARIO_DIR,
          SourceLocation.file(dir.toString()),
          "not a Vrooli scenario directory: .vrooli/service.json is missing",
          "point --scenario-dir at scenarios/<name>");
      return Optional.empty();
    }
    return DocumentReader.read(serviceJson, serviceJson.toString(), diagnostics)
        .flatMap(doc -> scenario(doc, diagnostics));
  }

  private void validateBundleSchema(Input bundle, Diagnostics diagnostics) {
    JsonNode version = bundle.tree().path("schema_version");
    JsonNode target = bundle.tree().path("target");
    if (!"v0.1".equals(version.asString(""))) {
      diagnostics.error(
          Codes.UNSUPPORTED_VERSION,
          bundle.locator().locate("/schema_version"),
          version.isMissingNode()
              ? "bundle has no schema_version"
              : "unsupported schema_version " + version,
          "scenario-to-cloud reads bundle manifests with schema_version \"v0.1\"");
      return;
    }
    if (!"desktop".equals(target.asString("")) && !"cloud".equals(target.asString(""))) {
      diagnostics.error(
          Codes.UNSUPPORTED_VERSION,
          bundle.locator().locate("/target"),
          target.isMissingNode() ? "bundle has no target" : "unsupported bundle target " + target,
          "use target \"cloud\" (or a deployment-manager \"desktop\" bundle)");
      return;
    }
    diagnostics.addAll(
        SchemaValidator.of(SchemaValidator.BUNDLE).validate(bundle.tree(), bundle.locator()));
  }

  /**
   * Values never carry secret values. A {@code secrets} key is refused (without echoing what it
   * held) and dropped so the schema does not report it a second time.
   */
  private static JsonNode stripSecrets(JsonNode layer, Locator from, Diagnostics diagnostics) {
    if (!layer.has("secrets")) {
      return layer;
    }
    diagnostics.error(
        Codes.SECRET_VALUE_GIVEN,
        from.locate("/secrets"),
        "values must not contain secrets; secret values are never accepted as input",
        "remove 'secrets': rendered deployments read each secret from the CI environment or a secret store at deploy time");
    ObjectNode copy = ((ObjectNode) layer).deepCopy();
    copy.remove("secrets");
    return copy.isEmpty() ? JsonNodeFactory.instance.objectNode() : copy;
  }
}
