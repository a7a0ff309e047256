package s2c.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderedTree;
import s2c.write.TextTemplates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart's generic files and the checks of a rendered chart: Helm renders it in this process,
 * every object is strictly valid, nothing but the chart's own objects appears, services reach what
 * they need and hooks run in order.
 */
final class ChartChecks {
  private ChartChecks() {}

  static final List<String> TEMPLATES =
      List.of(
          "_helpers.tpl",
          "NOTES.txt",
          "deployment.yaml",
          "externalsecrets.yaml",
          "hpa.yaml",
          "ingress.yaml",
          "migration-job.yaml",
          "networkpolicy.yaml",
          "pdb.yaml",
          "pvc.yaml",
          "resources.yaml",
          "service.yaml",
          "serviceaccount.yaml");

  static List<Diagnostic> validateChart(RenderedTree tree, String displayRoot, Checks checks) {
    // Helm is a library here (helm-java, in this process), not a program: the chart is rendered
    // under both policies (the objects' checks need it), linted under --checks full
    List<Diagnostic> out = new ArrayList<>();
    String chartDir =
        tree.files().keySet().stream()
            .filter(p -> p.startsWith("chart/") && p.endsWith("/Chart.yaml"))
            .map(p -> p.substring(0, p.length() - "Chart.yaml".length()))
            .findFirst()
            .orElse(null);
    if (chartDir == null) {
      out.add(
          Diagnostic.error(
              Codes.MANIFEST_MISMATCH,
              SourceLocation.file(displayRoot),
              "no chart/<name>/Chart.yaml in the render",
              null));
      return out;
    }
    List<String> envValues =
        tree.files().keySet().stream()
            .filter(p -> p.startsWith("values/") && p.endsWith(".yaml"))
            .toList();
    HelmCheck.Result helm;
    try {
      helm = HelmCheck.run(tree, chartDir, envValues, checks == Checks.FULL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String message : helm.lintMessages()) {
      boolean error =
          helm.lintFailed() && (message.contains("[ERROR]") || message.contains("[WARNING]"));
      if (error || message.contains("[ERROR]")) {
        out.add(
            Diagnostic.error(
                Codes.CHART_TOOL,
                helmLocation(message, tree, chartDir, displayRoot),
                "helm lint --strict: " + message.strip(),
                null));
      }
    }
    helm.templateErrors()
        .forEach(
            (source, error) ->
                out.add(
                    Diagnostic.error(
                        Codes.CHART_TOOL,
                        helmLocation(error, tree, chartDir, displayRoot),
                        "helm template with " + source + " failed: " + error.strip(),
                        null)));
    checkTemplatesAreOurs(tree, chartDir, displayRoot, out);
    helm.templates()
        .forEach(
            (source, manifest) -> {
              // one parse of the manifest for every rule (a YAML failure is reported once)
              List<JsonNode> rendered =
                  objects(manifest, displayRoot + chartDir, "helm template with " + source, out);
              checkObjects(rendered, displayRoot + chartDir, "helm template with " + source, out);
              checkOnlyDeclaredObjects(
                  rendered, displayRoot + chartDir, "helm template with " + source, out);
              out.addAll(
                  NetworkReachability.check(
                      rendered, displayRoot + chartDir, "helm template with " + source));
              out.addAll(
                  HookOrder.check(
                      rendered, displayRoot + chartDir, "helm template with " + source));
            });
    for (String extra :
        List.of("argocd/application.yaml", "flux/gitrepository.yaml", "flux/helmrelease.yaml")) {
      if (tree.text(extra) != null) {
        checkObjects(
            objects(tree.text(extra), displayRoot + extra, extra, out),
            displayRoot + extra,
            extra,
            out);
      }
    }
    return out;
  }

  /**
   * Where a Helm message points: the template file, line and column of a template error, else the
   * values file whose key it names (values.yaml for the defaults), else the chart directory.
   */
  private static SourceLocation helmLocation(
      String message, RenderedTree tree, String chartDir, String displayRoot) {
    List<String> files =
        tree.files().keySet().stream().filter(p -> p.startsWith(chartDir)).toList();
    SourceLocation fallback = SourceLocation.file(displayRoot + chartDir + "values.yaml");
    return s2c.diag.ToolLocations.find(message, displayRoot, files, fallback);
  }

  /** The kinds the chart's templates declare; anything else in a render came from data. */
  static final java.util.Set<String> DECLARED_KINDS =
      java.util.Set.of(
          "Deployment",
          "ExternalSecret",
          "HorizontalPodAutoscaler",
          "Ingress",
          "Job",
          "NetworkPolicy",
          "Password",
          "PersistentVolumeClaim",
          "PodDisruptionBudget",
          "Service",
          "ServiceAccount",
          "StatefulSet");

  /**
   * Input is data, never template text: the chart's templates must be exactly the generic ones this
   * target ships (no bundle string inside a template, so no {@code tpl}, {@code lookup} or template
   * action can come from input).
   */
  private static void checkTemplatesAreOurs(
      RenderedTree tree, String chartDir, String displayRoot, List<Diagnostic> out) {
    for (String path : tree.files().keySet()) {
      if (!path.startsWith(chartDir + "templates/")) {
        continue;
      }
      String name = path.substring((chartDir + "templates/").length());
      if (!TEMPLATES.contains(name)
          || !resource("chart/templates/" + name).equals(tree.text(path))) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_INJECTION,
                SourceLocation.file(displayRoot + path),
                "chart template " + name + " is not one of the generic templates this target ships",
                "templates must only read values; bundle data belongs in values.yaml"));
      }
    }
  }

  /**
   * Every rendered object is one the templates declare, named under the release: an extra document
   * (a "---" smuggled through a value) is reported even when it is a valid object.
   */
  static void checkOnlyDeclaredObjects(
      List<JsonNode> objects, String where, String what, List<Diagnostic> out) {
    for (JsonNode doc : objects) {
      String kind = doc.path("kind").asString("");
      String name = doc.path("metadata").path("name").asString("");
      if (!DECLARED_KINDS.contains(kind) || !name.startsWith(HelmCheck.RELEASE)) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_INJECTION,
                SourceLocation.file(where),
                what
                    + ": rendered "
                    + kind
                    + "/"
                    + name
                    + ", which no template of the chart declares",
                "a value must never become a YAML document: check the values for '---' or unquoted text"));
      }
    }
  }

  /**
   * Every object strictly valid, and no Secret carrying data: values only ever come from the store.
   */
  static void checkObjects(
      List<JsonNode> objects, String where, String what, List<Diagnostic> out) {
    for (JsonNode doc : objects) {
      String name =
          doc.path("kind").asString("?") + "/" + doc.path("metadata").path("name").asString("?");
      String source =
          doc.path("metadata")
              .path("annotations")
              .path("scenario-to-cloud.vrooli.dev/source")
              .asString("");
      String from = source.isEmpty() ? "" : " (from " + source + ")";
      if (doc.path("kind").asString("").equals("Secret")
          && (doc.has("data") || doc.has("stringData"))) {
        out.add(
            Diagnostic.error(
                Codes.SECRET_VARIABLE_UNSAFE,
                SourceLocation.file(where),
                what + ": " + name + " carries secret data" + from,
                "secrets are references only: use an ExternalSecret"));
      }
      for (String problem : ObjectValidator.validate(doc)) {
        out.add(
            Diagnostic.error(
                Codes.K8S_SCHEMA,
                SourceLocation.file(where),
                what + ": " + name + " " + problem + from,
                null));
      }
    }
  }

  /**
   * The non-empty documents of a manifest; a manifest that is not YAML is reported and yields none.
   */
  static List<JsonNode> objects(String yaml, String where, String what, List<Diagnostic> out) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    } catch (RuntimeException e) {
      out.add(
          Diagnostic.error(
              Codes.K8S_SCHEMA,
              SourceLocation.file(where),
              what + ": output is not valid YAML: " + e.getMessage(),
              null));
      return List.of();
    }
    return docs;
  }

  static Map<String, Object> chartYaml(
      Deployment d, RenderContext context, List<Diagnostic> diagnostics) {
    String version = d.appVersion();
    if (!version.matches(
        "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$")) {
      diagnostics.add(
          Diagnostic.info(
              Codes.VALUE_NOT_ALLOWED,
              SourceLocation.file("bundle"),
              "app version '"
                  + version
                  + "' is not SemVer; the chart is versioned 0.0.0+"
                  + version.replaceAll("[^0-9A-Za-z.-]", "-"),
              null));
      version = "0.0.0+" + version.replaceAll("[^0-9A-Za-z.-]", "-");
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("apiVersion", "v2");
    c.put("name", d.scenario());
    c.put(
        "description",
        d.description().isBlank()
            ? d.scenario() + " (rendered by scenario-to-cloud)"
            : d.description());
    c.put("type", "application");
    c.put("version", version);
    c.put("appVersion", d.appVersion());
    c.put("kubeVersion", ">=1.27.0-0");
    c.put(
        "annotations",
        Map.of(
            "scenario-to-cloud.vrooli.dev/compiler-version",
            context.compilerVersion(),
            "scenario-to-cloud.vrooli.dev/input-sha256",
            d.inputDigest()));
    return c;
  }

  static String resource(String name) {
    return TextTemplates.resource(ChartChecks.class, name);
  }
}
