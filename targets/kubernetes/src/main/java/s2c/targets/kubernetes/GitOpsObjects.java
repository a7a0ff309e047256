package s2c.targets.kubernetes;

import java.util.List;
import java.util.Map;
import s2c.model.Deployment;

/**
 * The Argo CD Application and the Flux GitRepository + HelmRelease that sync the chart from the
 * infra repo.
 */
record GitOpsObjects(Deployment d, String repoUrl, String revision, String path, String namespace) {
  private String name() {
    return d.scenario() + "-" + d.environment();
  }

  private Map<String, Object> labels() {
    return Map.of(
        "app.kubernetes.io/managed-by",
        "scenario-to-cloud",
        "scenario-to-cloud.vrooli.dev/scenario",
        d.scenario(),
        "scenario-to-cloud.vrooli.dev/environment",
        d.environment());
  }

  Map<String, Object> argoApplication() {
    return ChartModel.map(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "Application",
        "metadata",
        ChartModel.map("name", name(), "namespace", "argocd", "labels", labels()),
        "spec",
        ChartModel.map(
            "project", "default",
            "source",
                ChartModel.map(
                    "repoURL",
                    repoUrl,
                    "targetRevision",
                    revision,
                    "path",
                    path + "/chart/" + d.scenario(),
                    "helm",
                    ChartModel.map(
                        "releaseName",
                        d.scenario(),
                        "valueFiles",
                        List.of("../../values/" + d.environment() + ".yaml"))),
            "destination",
                ChartModel.map("server", "https://kubernetes.default.svc", "namespace", namespace),
            "syncPolicy",
                ChartModel.map(
                    "automated",
                    ChartModel.map("prune", true, "selfHeal", true),
                    "syncOptions",
                    List.of("CreateNamespace=true"))));
  }

  Map<String, Object> fluxGitRepository() {
    return ChartModel.map(
        "apiVersion",
        "source.toolkit.fluxcd.io/v1",
        "kind",
        "GitRepository",
        "metadata",
        ChartModel.map("name", name() + "-infra", "namespace", "flux-system", "labels", labels()),
        "spec",
        ChartModel.map(
            "url", repoUrl, "interval", "1m", "ref", ChartModel.map("branch", revision)));
  }

  Map<String, Object> fluxHelmRelease() {
    return ChartModel.map(
        "apiVersion",
        "helm.toolkit.fluxcd.io/v2",
        "kind",
        "HelmRelease",
        "metadata",
        ChartModel.map("name", name(), "namespace", "flux-system", "labels", labels()),
        "spec",
        ChartModel.map(
            "interval", "5m",
            "releaseName", d.scenario(),
            "targetNamespace", namespace,
            "chart",
                ChartModel.map(
                    "spec",
                    ChartModel.map(
                        "chart",
                        "./" + path + "/chart/" + d.scenario(),
                        "reconcileStrategy",
                        "Revision",
                        "sourceRef",
                        ChartModel.map("kind", "GitRepository", "name", name() + "-infra"),
                        "valuesFiles",
                        List.of("./" + path + "/values/" + d.environment() + ".yaml"))),
            "install",
                ChartModel.map(
                    "createNamespace", true, "remediation", ChartModel.map("retries", 3)),
            "upgrade",
                ChartModel.map(
                    "remediation", ChartModel.map("retries", 3, "remediateLastFailure", true))));
  }
}
