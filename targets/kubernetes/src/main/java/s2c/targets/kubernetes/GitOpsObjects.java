package s2c.targets.kubernetes;

import java.util.List;
import java.util.Map;
import s2c.model.Deployment;
import s2c.write.Ordered;

/**
 * The Argo CD Application and the Flux GitRepository + HelmRelease that sync the chart from the
 * infra repo.
 */
record GitOpsObjects(Deployment d, String repoUrl, String revision, String path, String namespace) {
  private String name() {
    return name(d);
  }

  /** The Argo CD Application's and the Flux HelmRelease's name. */
  static String name(Deployment d) {
    return d.instance();
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
    return Ordered.map(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "Application",
        "metadata",
        Ordered.map("name", name(), "namespace", "argocd", "labels", labels()),
        "spec",
        Ordered.map(
            "project", "default",
            "source",
                Ordered.map(
                    "repoURL",
                    repoUrl,
                    "targetRevision",
                    revision,
                    "path",
                    path + "/chart/" + d.scenario(),
                    "helm",
                    Ordered.map(
                        "releaseName",
                        d.scenario(),
                        "valueFiles",
                        List.of("../../values/" + d.environment() + ".yaml"))),
            "destination",
                Ordered.map("server", "https://kubernetes.default.svc", "namespace", namespace),
            "syncPolicy",
                Ordered.map(
                    "automated",
                    Ordered.map("prune", true, "selfHeal", true),
                    "syncOptions",
                    List.of("CreateNamespace=true"))));
  }

  Map<String, Object> fluxGitRepository() {
    return Ordered.map(
        "apiVersion",
        "source.toolkit.fluxcd.io/v1",
        "kind",
        "GitRepository",
        "metadata",
        Ordered.map("name", name() + "-infra", "namespace", "flux-system", "labels", labels()),
        "spec",
        Ordered.map("url", repoUrl, "interval", "1m", "ref", Ordered.map("branch", revision)));
  }

  Map<String, Object> fluxHelmRelease() {
    return Ordered.map(
        "apiVersion",
        "helm.toolkit.fluxcd.io/v2",
        "kind",
        "HelmRelease",
        "metadata",
        Ordered.map("name", name(), "namespace", "flux-system", "labels", labels()),
        "spec",
        Ordered.map(
            "interval", "5m",
            "releaseName", d.scenario(),
            "targetNamespace", namespace,
            "chart",
                Ordered.map(
                    "spec",
                    Ordered.map(
                        "chart",
                        "./" + path + "/chart/" + d.scenario(),
                        "reconcileStrategy",
                        "Revision",
                        "sourceRef",
                        Ordered.map("kind", "GitRepository", "name", name() + "-infra"),
                        "valuesFiles",
                        List.of("./" + path + "/values/" + d.environment() + ".yaml"))),
            // objects changed in the cluster by hand are put back, as Argo CD's selfHeal does
            "driftDetection", Ordered.map("mode", "enabled"),
            "install",
                Ordered.map("createNamespace", true, "remediation", Ordered.map("retries", 3)),
            "upgrade",
                Ordered.map(
                    "remediation", Ordered.map("retries", 3, "remediateLastFailure", true))));
  }
}
