package s2c.targets.kubernetes;

import java.math.BigDecimal;
import s2c.chart.HelmCharts;
import s2c.cost.CostEstimate;
import s2c.cost.CostSheet;
import s2c.cost.PriceBook;
import s2c.model.Deployment;

/**
 * What the chart costs on a cluster: the nodes of {@code providers.kubernetes.node_size} its
 * requests need at most replicas, the control plane, and the ingress controller's load balancer.
 * The chart creates no cluster, so which cluster's prices apply is a setting ({@code
 * cluster_pricing}: doks, the default, or eks) and is said in the estimate.
 */
final class ClusterCosts {
  /** Of a node's vCPUs and memory, what pods get after the kubelet, system pods and eviction. */
  private static final double ALLOCATABLE_CPU = 0.9;

  private static final double ALLOCATABLE_MEMORY = 0.75;

  private ClusterCosts() {}

  static CostEstimate of(Deployment d, HelmCharts.Chart chart, KubernetesSettings settings) {
    String cluster = d.instance();
    HelmCharts.Capacity requests = chart.requests();
    if (settings.clusterPricing().equals("eks")) {
      CostSheet sheet = new CostSheet(PriceBook.load("aws-us-east-1"));
      sheet.perHour(
          cluster,
          "EKS control plane (standard support)",
          "eks.cluster_hour.standard_support",
          BigDecimal.ONE,
          "one cluster, shared if other deployments use it");
      sheet.unpriced(
          cluster,
          "EC2 worker nodes for " + requests.milliCpu() + "m CPU / " + requests.memoryMi() + " Mi",
          "ec2." + settings.nodeSize(),
          BigDecimal.ONE,
          "the price book has no EC2 instance prices");
      return sheet.assume(assumption(settings, "EKS in us-east-1")).estimate();
    }
    PriceBook book = PriceBook.load("digitalocean");
    CostSheet sheet = new CostSheet(book);
    sheet.perMonth(cluster, "DOKS control plane", "doks.control_plane", BigDecimal.ONE, "free");
    String nodePrice = "droplet." + settings.nodeSize();
    var node = book.find(nodePrice);
    if (node.isPresent() && node.get().vcpu().isPresent() && node.get().memoryGb().isPresent()) {
      double cpu = node.get().vcpu().get().doubleValue() * 1000 * ALLOCATABLE_CPU;
      double memory = node.get().memoryGb().get().doubleValue() * 1024 * ALLOCATABLE_MEMORY;
      long nodes =
          Math.max(
              1,
              Math.max(
                  (long) Math.ceil(requests.milliCpu() / cpu),
                  (long) Math.ceil(requests.memoryMi() / memory)));
      sheet.perMonth(
          cluster,
          "worker node " + settings.nodeSize(),
          nodePrice,
          BigDecimal.valueOf(nodes),
          nodes
              + " node(s) for the chart's requests at most replicas: "
              + requests.milliCpu()
              + "m CPU, "
              + requests.memoryMi()
              + " Mi");
    } else {
      sheet.unpriced(
          cluster,
          "worker node " + settings.nodeSize(),
          nodePrice,
          BigDecimal.ONE,
          "not a Droplet size of the price book");
    }
    if (chart.exposed()) {
      sheet.usage(
          cluster,
          "ingress controller's load balancer",
          "load_balancer.regional_network.per_node",
          BigDecimal.ONE,
          "one regional load balancer node in front of the ingress controller, if the cluster"
              + " does not share one already");
    }
    return sheet.assume(assumption(settings, "DOKS")).estimate();
  }

  private static String assumption(KubernetesSettings settings, String cluster) {
    return "cluster prices of "
        + cluster
        + " (providers.kubernetes.cluster_pricing: "
        + settings.clusterPricing()
        + "); a node gives pods "
        + (int) (ALLOCATABLE_CPU * 100)
        + "% of its vCPUs and "
        + (int) (ALLOCATABLE_MEMORY * 100)
        + "% of its memory";
  }
}
