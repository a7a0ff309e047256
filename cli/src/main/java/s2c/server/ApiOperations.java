package s2c.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import s2c.diag.Diagnostic;
import s2c.diag.DiagnosticJson;
import s2c.gitops.DeploymentRecord;
import s2c.gitops.GitAccess;
import s2c.gitops.History;
import s2c.gitops.PathTemplate;
import s2c.gitops.PublishException;
import s2c.gitops.PublishGuards;
import s2c.gitops.PublishOutcome;
import s2c.gitops.PublishRefused;
import s2c.gitops.PublishRequest;
import s2c.gitops.Publisher;
import s2c.gitops.Redaction;
import s2c.gitops.StatusReporter;
import s2c.model.Deployment;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.pipeline.RenderedValidation;
import s2c.spi.Checks;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;

/**
 * What the API does, independent of HTTP: a request body names its inputs inline ({@code bundle} or
 * {@code service_json}, {@code values[]}, {@code set[]}, {@code secrets_plan}, {@code provider},
 * {@code environment}, {@code images}: build's images.json); they go through the same compiler as
 * the CLI as in-memory documents (no file is written). A rendered directory sent back ({@code
 * files}) goes through the same validation as {@code validate DIR}, manifest digests included.
 */
final class ApiOperations {
  record Response(int status, Map<String, Object> body) {}

  private final String repoUrl;
  private final String branch;
  private final PathTemplate template;
  private final GitAccess access;
  private final Optional<String> reportUrl;
  private final TargetRegistry targets = TargetRegistry.load();
  private final Compiler compiler = new Compiler(targets);
  private final RenderedValidation validation = new RenderedValidation(targets);

  ApiOperations(
      String repoUrl,
      String branch,
      PathTemplate template,
      GitAccess access,
      Optional<String> reportUrl) {
    this.repoUrl = repoUrl;
    this.branch = branch;
    this.template = template;
    this.access = access;
    this.reportUrl = reportUrl;
  }

  Response compile(Map<String, Object> body) throws IOException {
    return withInputs(
        body,
        request -> {
          CompileResult result = compiler.compile(request);
          Map<String, Object> out = base(result);
          if (result.ok()) {
            Map<String, String> files = new TreeMap<>();
            result
                .tree()
                .get()
                .files()
                .forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
            out.put("files", files);
          }
          return new Response(result.ok() ? 200 : 422, out);
        });
  }

  Response publish(Map<String, Object> body) throws IOException {
    return withInputs(
        body,
        request -> {
          CompileResult result = compiler.compile(request);
          Map<String, Object> out = base(result);
          if (!result.ok()) {
            return new Response(422, out);
          }
          Deployment d = result.deployment().orElseThrow();
          String message = body.get("message") instanceof String m ? m : null;
          StatusReporter status = new StatusReporter(d, result.provider(), reportUrl);
          try {
            PublishOutcome outcome =
                new Publisher()
                    .publish(
                        PublishRequest.forDeployment(
                                d,
                                result.provider(),
                                result.tree().get(),
                                repoUrl,
                                branch,
                                branch,
                                template,
                                Optional.ofNullable(message),
                                access,
                                20)
                            .withGate(
                                new PublishGuards(
                                    d.guardrails(),
                                    request.approvedCost(),
                                    Boolean.TRUE.equals(body.get("allow_destroy")),
                                    s2c.spi.TargetRegistry.load().statefulTypes(),
                                    template.expand(
                                        d.scenario(), d.environment(), result.provider()))));
            out.put("unchanged", outcome.unchanged());
            out.put("commit", outcome.commitId());
            out.put("branch", outcome.branch());
            out.put("path", outcome.path());
            out.put("summary", outcome.summary().oneLine());
            out.put("change_summary", outcome.summary());
            out.put("warnings", status.published(outcome, repoUrl));
            return new Response(200, out);
          } catch (PublishRefused refused) {
            out.put("ok", false);
            out.put("diagnostics", DiagnosticJson.of(refused.refusals()));
            out.put("change_summary", refused.summary());
            return new Response(422, out);
          } catch (PublishException e) {
            status.failed(e.getMessage());
            out.put("ok", false);
            out.put("error", Redaction.redact(e.getMessage()));
            return new Response(502, out);
          }
        });
  }

  /**
   * {@code POST /api/v1/validate}: {@code files} (path → text, as compile answers them), {@code
   * strict} and {@code checks} as for {@code validate DIR}.
   */
  Response validate(Map<String, Object> body) {
    if (!(body.get("files") instanceof Map<?, ?> files) || files.isEmpty()) {
      return new Response(400, ApiServer.error("'files' (object: path → text) is required"));
    }
    RenderedTree.Builder tree = RenderedTree.builder();
    for (Map.Entry<?, ?> e : files.entrySet()) {
      if (!(e.getKey() instanceof String path) || !(e.getValue() instanceof String text)) {
        return new Response(400, ApiServer.error("'files' maps each path to its text"));
      }
      if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
        return new Response(400, ApiServer.error("file paths are relative, without '..'"));
      }
      tree.text(path, text);
    }
    Checks checks;
    try {
      checks = body.get("checks") instanceof String c ? Checks.parse(c) : Checks.FULL;
    } catch (IllegalArgumentException e) {
      return new Response(400, ApiServer.error("'checks' is fast or full"));
    }
    boolean strict = Boolean.TRUE.equals(body.get("strict"));
    List<Diagnostic> diagnostics = validation.validate(tree.build(), "render/", strict, checks);
    boolean ok = diagnostics.stream().noneMatch(Diagnostic::isError);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", ok);
    out.put("diagnostics", DiagnosticJson.of(diagnostics));
    return new Response(ok ? 200 : 422, out);
  }

  List<DeploymentRecord> history(String scenario, Optional<String> env, Optional<String> provider)
      throws PublishException {
    return History.read(repoUrl, branch, scenario, env, provider, access);
  }

  private Map<String, Object> base(CompileResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", result.ok());
    out.put("provider", result.provider());
    out.put("scenario", result.deployment().map(Deployment::scenario).orElse(null));
    out.put("environment", result.deployment().map(Deployment::environment).orElse(null));
    out.put("diagnostics", DiagnosticJson.of(result.diagnostics()));
    return out;
  }

  private interface Work {
    Response run(CompileRequest request) throws IOException;
  }

  /**
   * Hands the inline inputs to the compiler as in-memory documents (nothing is written to disk),
   * named as a user would name the files, so diagnostics point at "bundle.json:12:5".
   */
  private Response withInputs(Map<String, Object> body, Work work) throws IOException {
    if (!(body.get("provider") instanceof String provider)) {
      return new Response(400, ApiServer.error("'provider' is required"));
    }
    boolean hasBundle =
        body.get("bundle") instanceof Map || body.get("bundle_yaml") instanceof String;
    boolean hasService = body.get("service_json") instanceof Map;
    if (hasBundle == hasService) {
      return new Response(
          400,
          ApiServer.error(
              "give exactly one of 'bundle' (object), 'bundle_yaml' (string) or 'service_json' (object)"));
    }
    Optional<InputDocument> bundle = Optional.empty();
    Optional<InputDocument> serviceJson = Optional.empty();
    if (body.get("bundle") instanceof Map<?, ?> b) {
      bundle = Optional.of(inline("bundle.json", JsonOutput.write(b)));
    } else if (body.get("bundle_yaml") instanceof String y) {
      bundle = Optional.of(inline("bundle.yaml", y));
    } else {
      serviceJson =
          Optional.of(
              inline("scenario/.vrooli/service.json", JsonOutput.write(body.get("service_json"))));
    }
    List<InputDocument> values = new ArrayList<>();
    if (body.get("values") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        values.add(inline("values-" + (i + 1) + ".json", JsonOutput.write(list.get(i))));
      }
    }
    List<String> sets = new ArrayList<>();
    if (body.get("set") instanceof List<?> list) {
      list.forEach(s -> sets.add(String.valueOf(s)));
    }
    Optional<InputDocument> plan =
        body.get("secrets_plan") instanceof Map<?, ?> p
            ? Optional.of(inline("secrets-plan.json", JsonOutput.write(p)))
            : Optional.empty();
    Optional<String> env =
        body.get("environment") instanceof String e ? Optional.of(e) : Optional.empty();
    return work.run(
        new CompileRequest(
                bundle,
                Optional.empty(),
                serviceJson,
                provider,
                env,
                values,
                sets,
                plan,
                Checks.FULL)
            .withImages(
                body.get("images") instanceof Map<?, ?> images
                    ? Optional.of(inline("images.json", JsonOutput.write(images)))
                    : Optional.empty())
            .withApprovedCost(
                body.get("approve_cost") instanceof Number n
                    ? Optional.of(new java.math.BigDecimal(n.toString()))
                    : Optional.empty()));
  }

  private static InputDocument inline(String name, String text) {
    return InputDocument.inline(name, text.getBytes(StandardCharsets.UTF_8));
  }
}
