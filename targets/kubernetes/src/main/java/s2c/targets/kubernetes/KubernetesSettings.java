package s2c.targets.kubernetes;

import static java.util.Objects.requireNonNullElse;

import java.util.Optional;
import s2c.chart.ChartPlatform;
import s2c.model.Deployment;
import s2c.spi.ProviderSettings;

/**
 * {@code providers.kubernetes} in values (schema: settings.schema.json next to this target), with
 * the defaults that do not depend on the deployment applied; the others stay empty for the caller.
 *
 * @param namespace default {@code <scenario>-<env>}
 * @param ingressHost default: the domain; none means no TLS certificate is requested
 * @param storageClass empty: the cluster's default storage class
 * @param gitopsRepoUrl when set, Argo CD and Flux objects that sync the chart from this repository
 * @param gitopsPath default {@code <scenario>/<env>/kubernetes}
 */
public record KubernetesSettings(
    Optional<String> namespace,
    String ingressClass,
    Optional<String> ingressHost,
    String ingressNamespace,
    String clusterIssuer,
    String secretStoreKind,
    String secretStoreName,
    String secretStoreProperty,
    String storageClass,
    Optional<String> gitopsRepoUrl,
    String gitopsRevision,
    Optional<String> gitopsPath,
    String clusterPricing,
    String nodeSize) {
  public KubernetesSettings {
    namespace = requireNonNullElse(namespace, Optional.empty());
    ingressClass = requireNonNullElse(ingressClass, "nginx");
    ingressHost = requireNonNullElse(ingressHost, Optional.empty());
    ingressNamespace = requireNonNullElse(ingressNamespace, "ingress-nginx");
    clusterIssuer = requireNonNullElse(clusterIssuer, "letsencrypt-prod");
    secretStoreKind = requireNonNullElse(secretStoreKind, "ClusterSecretStore");
    secretStoreName = requireNonNullElse(secretStoreName, "vault-backend");
    secretStoreProperty = requireNonNullElse(secretStoreProperty, "value");
    storageClass = requireNonNullElse(storageClass, "");
    gitopsRepoUrl = requireNonNullElse(gitopsRepoUrl, Optional.empty());
    gitopsRevision = requireNonNullElse(gitopsRevision, "main");
    gitopsPath = requireNonNullElse(gitopsPath, Optional.empty());
    clusterPricing = requireNonNullElse(clusterPricing, "doks");
    nodeSize = requireNonNullElse(nodeSize, "s-2vcpu-4gb");
  }

  public static KubernetesSettings of(Deployment d) {
    return ProviderSettings.read(d, "kubernetes", KubernetesSettings.class);
  }

  String namespace(Deployment d) {
    return namespace.orElse(d.instance());
  }

  /** A cluster someone else runs: an in-cluster ingress controller, cert-manager, any store. */
  public ChartPlatform platform(Deployment d) {
    return new ChartPlatform(
        namespace(d),
        ingressClass,
        ingressHost.orElse(d.domain().orElse("")),
        java.util.Map.of(),
        "",
        clusterIssuer,
        ingressNamespace,
        java.util.List.of(),
        secretStoreKind,
        secretStoreName,
        secretStoreProperty,
        storageClass);
  }
}
