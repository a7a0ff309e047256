package s2c.targets.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import s2c.spi.FanOut;
import s2c.write.Ordered;
import s2c.write.YamlOutput;

/**
 * What applies a whole tenant fan-out: per environment an Argo CD ApplicationSet whose git
 * directory generator finds every tenant's chart ({@code {scenario}/*\/{env}/kubernetes}), and per
 * tenant × environment a Flux Kustomization applying that directory's GitRepository and
 * HelmRelease. Apply one of the two sets once; a tenant added to or removed from the file then
 * appears or goes by itself. The generated Applications carry the names, namespaces and values of
 * the per-tenant {@code argocd/application.yaml} they stand in for.
 */
final class FanOutObjects {
  private FanOutObjects() {}

  static SortedMap<String, byte[]> of(FanOut fanOut) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (fanOut.members().isEmpty()) {
      return files;
    }
    KubernetesSettings settings = KubernetesSettings.of(fanOut.members().get(0).deployment());
    String repo = settings.gitopsRepoUrl().orElse("");
    if (repo.isEmpty()) {
      return files;
    }
    String revision = settings.gitopsRevision();
    String scenario = fanOut.scenario();
    for (String env :
        new TreeSet<>(fanOut.members().stream().map(FanOut.Member::environment).toList())) {
      files.put(
          "argocd/applicationset-" + env + ".yaml",
          bytes(applicationSet(fanOut, scenario, env, repo, revision)));
    }
    files.put("flux/gitrepository.yaml", bytes(gitRepository(scenario, repo, revision)));
    for (FanOut.Member m : fanOut.members()) {
      files.put(
          "flux/" + m.tenant() + "-" + m.environment() + ".yaml",
          bytes(kustomization(scenario, m)));
    }
    return files;
  }

  private static byte[] bytes(Map<String, Object> object) {
    return YamlOutput.write(object).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> labels(String scenario, String env) {
    return Ordered.map(
        "app.kubernetes.io/managed-by",
        "scenario-to-cloud",
        "scenario-to-cloud.vrooli.dev/scenario",
        scenario,
        "scenario-to-cloud.vrooli.dev/environment",
        env);
  }

  static Map<String, Object> applicationSet(
      FanOut fanOut, String scenario, String env, String repo, String revision) {
    // Go templates: the tenant is one segment of the directory the generator found
    String tenant = "{{ index .path.segments " + fanOut.tenantSegment() + " }}";
    String instance = scenario + "-" + tenant + "-" + env;
    Map<String, Object> appLabels = new java.util.LinkedHashMap<>(labels(scenario, env));
    appLabels.put("scenario-to-cloud.vrooli.dev/tenant", tenant);
    return Ordered.map(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "ApplicationSet",
        "metadata",
        Ordered.map(
            "name",
            scenario + "-" + env + "-tenants",
            "namespace",
            "argocd",
            "labels",
            labels(scenario, env)),
        "spec",
        Ordered.map(
            "goTemplate",
            true,
            "goTemplateOptions",
            List.of("missingkey=error"),
            "generators",
            List.of(
                Map.of(
                    "git",
                    Ordered.map(
                        "repoURL",
                        repo,
                        "revision",
                        revision,
                        "directories",
                        List.of(Map.of("path", fanOut.glob(env)))))),
            // a tenant removed from the file: its Application goes, and Argo CD prunes its objects
            "syncPolicy",
            Ordered.map("preserveResourcesOnDeletion", false),
            "template",
            Ordered.map(
                "metadata",
                Ordered.map("name", instance, "labels", appLabels),
                "spec",
                Ordered.map(
                    "project", "default",
                    "source",
                        Ordered.map(
                            "repoURL",
                            repo,
                            "targetRevision",
                            revision,
                            "path",
                            "{{ .path.path }}/chart/" + scenario,
                            "helm",
                            Ordered.map(
                                "releaseName",
                                scenario,
                                "valueFiles",
                                List.of("../../values/" + env + ".yaml"))),
                    "destination",
                        Ordered.map(
                            "server", "https://kubernetes.default.svc", "namespace", instance),
                    "syncPolicy",
                        Ordered.map(
                            "automated",
                            Ordered.map("prune", true, "selfHeal", true),
                            "syncOptions",
                            List.of("CreateNamespace=true"))))));
  }

  private static Map<String, Object> gitRepository(String scenario, String repo, String revision) {
    return Ordered.map(
        "apiVersion",
        "source.toolkit.fluxcd.io/v1",
        "kind",
        "GitRepository",
        "metadata",
        Ordered.map("name", scenario + "-tenants", "namespace", "flux-system"),
        "spec",
        Ordered.map("url", repo, "interval", "1m", "ref", Ordered.map("branch", revision)));
  }

  private static Map<String, Object> kustomization(String scenario, FanOut.Member m) {
    Map<String, Object> labels = new java.util.LinkedHashMap<>(labels(scenario, m.environment()));
    labels.put("scenario-to-cloud.vrooli.dev/tenant", m.tenant());
    return Ordered.map(
        "apiVersion",
        "kustomize.toolkit.fluxcd.io/v1",
        "kind",
        "Kustomization",
        "metadata",
        Ordered.map(
            "name", m.deployment().instance(), "namespace", "flux-system", "labels", labels),
        "spec",
        Ordered.map(
            "interval",
            "10m",
            "path",
            "./" + m.path() + "/flux",
            "prune",
            true,
            "sourceRef",
            Ordered.map("kind", "GitRepository", "name", scenario + "-tenants")));
  }
}
