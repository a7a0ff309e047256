package s2c.targets.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.chart.HelmCharts;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.write.TextTemplates;
import s2c.write.YamlOutput;

/**
 * Any Kubernetes: a Helm chart per scenario, External Secrets for secrets, Argo CD and Flux
 * objects.
 */
public final class KubernetesTarget implements Target {

  @Override
  public String id() {
    return "kubernetes";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s", "helm");
  }

  @Override
  public String description() {
    return "A Helm chart for any Kubernetes (1.27+), secrets through External Secrets Operator, Argo CD and Flux objects to sync it";
  }

  @Override
  public List<String> formats() {
    return List.of("helm");
  }

  @Override
  public SortedMap<String, String> mappings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(
        "service",
        "Deployment + Service (+ Ingress when exposed, HPA when autoscaled, PDB when replicas > 1, NetworkPolicy)");
    m.put(
        "health",
        "http → httpGet, tcp → tcpSocket, command → exec; liveness, readiness and a startup probe for the grace period");
    m.put("dependencies", "an init container that waits for each dependency's port");
    m.put(
        "migration",
        "Job as a Helm hook (pre-install,pre-upgrade; post-install when the database is in the chart)");
    m.put(
        "resource postgres/redis/qdrant/n8n/minio/ollama",
        "StatefulSet + Service + PVC from pinned official images (mode inCluster, default) or an external endpoint from the secret store");
    m.put(
        "secret user_prompt/remote_fetch",
        "ExternalSecret from the configured (Cluster)SecretStore → secretKeyRef");
    m.put(
        "secret per_install_generated",
        "ESO Password generator, generated once in the cluster → secretKeyRef");
    m.put("secret infrastructure", "never deployed");
    m.put(
        "gitops",
        "Argo CD Application and Flux GitRepository + HelmRelease pointing at the chart in the infra repo");
    return m;
  }

  @Override
  public java.util.Set<String> statefulTypes() {
    return java.util.Set.of("PersistentVolumeClaim/", "StatefulSet/");
  }

  @Override
  public RenderResult render(Deployment d, RenderContext context) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    KubernetesSettings settings = KubernetesSettings.of(d);
    RenderedTree.Builder tree = RenderedTree.builder();
    HelmCharts.Chart chart = HelmCharts.render(d, settings.platform(d), context, tree, diagnostics);
    String repo = settings.gitopsRepoUrl().orElse("");
    String path = settings.gitopsPath().orElse(d.repoPath() + "/kubernetes");
    if (repo.isEmpty()) {
      diagnostics.add(
          Diagnostic.info(
              Codes.OPTIONAL_OUTPUT_SKIPPED,
              SourceLocation.file("values"),
              "no providers.kubernetes.gitops_repo_url: the Argo CD and Flux objects are not rendered",
              "set it to the infra repository's URL"));
    } else {
      GitOpsObjects gitops =
          new GitOpsObjects(d, repo, settings.gitopsRevision(), path, settings.namespace(d));
      tree.text("argocd/application.yaml", YamlOutput.write(gitops.argoApplication()));
      tree.text("flux/gitrepository.yaml", YamlOutput.write(gitops.fluxGitRepository()));
      tree.text("flux/helmrelease.yaml", YamlOutput.write(gitops.fluxHelmRelease()));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("version", d.appVersion());
    scope.put("compilerVersion", context.compilerVersion());
    scope.put("namespace", settings.namespace(d));
    scope.put("secretStore", settings.secretStoreKind() + " " + settings.secretStoreName());
    scope.put("gitops", !repo.isEmpty());
    s2c.cost.CostEstimate cost = ClusterCosts.of(d, chart, settings);
    scope.put("costTable", cost.markdown());
    tree.text("README.md", TextTemplates.render(getClass(), "README.md.mustache", scope));
    return new RenderResult(
        tree.build(), diagnostics, java.util.Optional.of(cost), rollout(d, settings, chart, repo));
  }

  /**
   * What {@code verify} reads through the Kubernetes API: the release's Deployments and
   * StatefulSets by component label, its migration Jobs, and the Argo CD Application and Flux
   * HelmRelease that sync it (when rendered).
   */
  private static Map<String, Object> rollout(
      Deployment d, KubernetesSettings settings, HelmCharts.Chart chart, String repo) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("platform", "kubernetes");
    r.put("namespace", settings.namespace(d));
    // the release name Argo CD and Flux install the chart under (README: helm install <scenario>)
    r.put("release", d.scenario());
    r.put("deployments", List.copyOf(chart.deployments()));
    r.put("stateful_sets", List.copyOf(chart.statefulSets()));
    if (!repo.isEmpty()) {
      String name = GitOpsObjects.name(d);
      r.put("argocd_application", Map.of("namespace", "argocd", "name", name));
      r.put("flux_helmrelease", Map.of("namespace", "flux-system", "name", name));
    }
    return r;
  }

  @Override
  public java.util.SortedMap<String, byte[]> fanOutFiles(s2c.spi.FanOut fanOut) {
    return FanOutObjects.of(fanOut);
  }

  @Override
  public java.util.SortedMap<String, s2c.spi.ResourceSupport> resourceCatalogue() {
    return HelmCharts.resourceCatalogue();
  }

  @Override
  public tools.jackson.databind.JsonNode settingsSchema() {
    return s2c.spi.ProviderSettings.schema("s2c/targets/kubernetes/settings.schema.json");
  }

  @Override
  public List<String> externalChecks() {
    return List.of("helm lint --strict");
  }

  @Override
  public List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks) {
    return HelmCharts.validate(tree, displayRoot, checks);
  }
}
