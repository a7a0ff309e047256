package s2c.targets.aws;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.targets.aws.AwsPlan.Eks;
import s2c.write.Ordered;
import s2c.write.YamlOutput;

/**
 * The EKS cluster's own objects, which deploy.sh applies before the chart: the storage class of the
 * chart's volumes, the deployment's node pool (its ceiling sized from the chart's requests), the
 * ALB's ingress class and the secret store. EKS Auto Mode creates none of them itself.
 */
final class ClusterObjects {
  static final String INGRESS_CLASS_PARAMS = EksPlatform.INGRESS_CLASS;
  static final String SECRET_STORE_FILE = "cluster/secrets/secretstore.yaml";

  private final AwsPlan plan;
  private final Eks eks;

  ClusterObjects(AwsPlan plan) {
    this.plan = plan;
    this.eks = plan.eks().orElseThrow();
  }

  /**
   * Path under the render → YAML; each file is valid on its own. {@code cluster/} is applied before
   * External Secrets Operator is installed, {@code cluster/secrets/} after.
   */
  SortedMap<String, String> files() {
    SortedMap<String, String> files = new TreeMap<>();
    files.put("cluster/storageclass.yaml", YamlOutput.write(storageClass()));
    files.put("cluster/nodepool.yaml", YamlOutput.write(nodePool()));
    if (eks.exposed()) {
      files.put("cluster/ingressclassparams.yaml", YamlOutput.write(ingressClassParams()));
      files.put("cluster/ingressclass.yaml", YamlOutput.write(ingressClass()));
    }
    if (!plan.secrets().isEmpty()) {
      // a directory of its own: its kind exists only once the operator is installed, which needs
      // the node pool above to run on
      files.put(SECRET_STORE_FILE, YamlOutput.write(secretStore()));
    }
    return files;
  }

  private Map<String, Object> storageClass() {
    return Ordered.map(
        "apiVersion",
        "storage.k8s.io/v1",
        "kind",
        "StorageClass",
        "metadata",
        Ordered.map(
            "name",
            EksPlatform.STORAGE_CLASS,
            "annotations",
            Ordered.map("storageclass.kubernetes.io/is-default-class", "true")),
        // EKS Auto Mode's own EBS driver (not the add-on's ebs.csi.aws.com)
        "provisioner",
        "ebs.csi.eks.amazonaws.com",
        "volumeBindingMode",
        "WaitForFirstConsumer",
        "reclaimPolicy",
        plan.prod() ? "Retain" : "Delete",
        "allowVolumeExpansion",
        true,
        "parameters",
        Ordered.map("type", "gp3", "encrypted", "true"));
  }

  private Map<String, Object> nodePool() {
    return Ordered.map(
        "apiVersion",
        "karpenter.sh/v1",
        "kind",
        "NodePool",
        "metadata",
        Ordered.map("name", plan.name()),
        "spec",
        Ordered.map(
            "template",
            Ordered.map(
                "spec",
                Ordered.map(
                    "nodeClassRef",
                    Ordered.map(
                        "group", "eks.amazonaws.com", "kind", "NodeClass", "name", "default"),
                    "requirements",
                    List.of(
                        requirement("eks.amazonaws.com/instance-category", List.of("c", "m", "r")),
                        requirement("karpenter.sh/capacity-type", List.of("on-demand")),
                        requirement("kubernetes.io/arch", List.of("amd64"))))),
            "limits",
            Ordered.map(
                "cpu", String.valueOf(eks.cpuLimit()), "memory", eks.memoryLimitGi() + "Gi"),
            "disruption",
            Ordered.map(
                "consolidationPolicy",
                "WhenEmptyOrUnderutilized",
                "consolidateAfter",
                plan.prod() ? "10m" : "1m",
                // one node at a time, so a PodDisruptionBudget always has somewhere to go
                "budgets",
                List.of(Ordered.map("nodes", "1")))));
  }

  private static Map<String, Object> requirement(String key, List<String> values) {
    return Ordered.map("key", key, "operator", "In", "values", values);
  }

  /** Internet-facing; deploy.sh adds the certificate's ARN, which exists only after apply. */
  private Map<String, Object> ingressClassParams() {
    return Ordered.map(
        "apiVersion",
        "eks.amazonaws.com/v1",
        "kind",
        "IngressClassParams",
        "metadata",
        Ordered.map("name", INGRESS_CLASS_PARAMS),
        "spec",
        Ordered.map(
            "scheme",
            "internet-facing",
            "namespaceSelector",
            Ordered.map(
                "matchLabels", Ordered.map("kubernetes.io/metadata.name", eks.namespace()))));
  }

  private Map<String, Object> ingressClass() {
    return Ordered.map(
        "apiVersion",
        "networking.k8s.io/v1",
        "kind",
        "IngressClass",
        "metadata",
        Ordered.map("name", EksPlatform.INGRESS_CLASS),
        "spec",
        Ordered.map(
            "controller",
            "eks.amazonaws.com/alb",
            "parameters",
            Ordered.map(
                "apiGroup",
                "eks.amazonaws.com",
                "kind",
                "IngressClassParams",
                "name",
                INGRESS_CLASS_PARAMS)));
  }

  /**
   * Secrets Manager in the deployment's region, with the controller's own credentials (the Pod
   * Identity role of eks.tf); only the deployment's namespace may use it.
   */
  private Map<String, Object> secretStore() {
    return Ordered.map(
        "apiVersion",
        "external-secrets.io/v1",
        "kind",
        "ClusterSecretStore",
        "metadata",
        Ordered.map("name", EksPlatform.SECRET_STORE),
        "spec",
        Ordered.map(
            "provider",
            Ordered.map("aws", Ordered.map("service", "SecretsManager", "region", plan.region())),
            "conditions",
            List.of(Ordered.map("namespaces", List.of(eks.namespace())))));
  }
}
