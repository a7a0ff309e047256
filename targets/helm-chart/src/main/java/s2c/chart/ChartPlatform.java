package s2c.chart;

import java.util.List;
import java.util.Map;

/**
 * What the cluster a chart is installed in provides, which the chart cannot know from the bundle:
 * how traffic gets in, where secrets come from, which storage class makes volumes. The kubernetes
 * target reads it from {@code providers.kubernetes} (a cluster someone else runs); a target that
 * creates the cluster states it (AWS's EKS flavour: an ALB, Secrets Manager, EBS).
 *
 * @param namespace where the release is installed
 * @param ingressHost the Ingress host; empty: no host rule and no TLS
 * @param ingressAnnotations annotations the ingress controller reads (data, never template text)
 * @param healthCheckPathAnnotation the Service annotation a load balancer outside the cluster reads
 *     its health-check path from; empty when traffic comes through an in-cluster controller
 * @param clusterIssuer the cert-manager ClusterIssuer of the TLS certificate; empty: TLS ends
 *     before the cluster (a cloud load balancer with its own certificate), no cert-manager
 * @param ingressNamespace the namespace of an in-cluster ingress controller, which exposed services
 *     accept traffic from; empty when traffic comes from outside the cluster
 * @param loadBalancerCidrs where a load balancer outside the cluster connects from (its subnets):
 *     exposed services accept traffic from these too
 * @param storageClass empty: the cluster's default storage class
 */
public record ChartPlatform(
    String namespace,
    String ingressClass,
    String ingressHost,
    Map<String, String> ingressAnnotations,
    String healthCheckPathAnnotation,
    String clusterIssuer,
    String ingressNamespace,
    List<String> loadBalancerCidrs,
    String secretStoreKind,
    String secretStoreName,
    String secretStoreProperty,
    String storageClass) {
  public ChartPlatform {
    ingressAnnotations = Map.copyOf(ingressAnnotations);
    loadBalancerCidrs = List.copyOf(loadBalancerCidrs);
    if (ingressNamespace.isEmpty() && loadBalancerCidrs.isEmpty()) {
      // an empty "from" would admit everyone: exposed services must name where traffic comes from
      throw new IllegalArgumentException("an ingress namespace or load balancer CIDRs are needed");
    }
  }
}
