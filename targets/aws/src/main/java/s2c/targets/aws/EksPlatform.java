package s2c.targets.aws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import s2c.chart.ChartPlatform;
import s2c.chart.HelmCharts;
import s2c.model.Deployment;

/**
 * What the EKS flavour's cluster gives the chart: EKS Auto Mode's load balancing (an ALB per
 * Ingress of class {@value #INGRESS_CLASS}, TLS with an ACM certificate, so no cert-manager), its
 * block storage (EBS gp3 through {@value #STORAGE_CLASS}) and External Secrets Operator reading
 * Secrets Manager, whose secrets hold plain strings.
 */
final class EksPlatform {
  static final String INGRESS_CLASS = "alb";
  static final String STORAGE_CLASS = "s2c-gp3";
  static final String SECRET_STORE = "aws-secrets-manager";
  static final String ESO_NAMESPACE = "external-secrets";
  static final String ESO_SERVICE_ACCOUNT = "external-secrets";

  /** The External Secrets Operator chart deploy.sh installs (serves external-secrets.io/v1). */
  static final String ESO_CHART_VERSION = "0.20.4";

  private EksPlatform() {}

  /** A node pool's limits: whole vCPUs and GiB. */
  record Ceiling(long cpu, long memoryGi) {}

  /**
   * The pool may grow to twice what the workloads request at their most replicas: room for a
   * rolling update's surge, for bin packing and for the cluster's own pods (External Secrets);
   * never less than one 4 vCPU / 8 GiB node's worth, or no instance of the pool's categories would
   * fit.
   */
  static Ceiling ceiling(HelmCharts.Capacity requests) {
    HelmCharts.Capacity twice = requests.times(2);
    return new Ceiling(
        Math.max(4, (twice.milliCpu() + 999) / 1000),
        Math.max(8, (twice.memoryMi() + 1023) / 1024));
  }

  static String namespace(Deployment d) {
    return d.instance();
  }

  /**
   * Where the ALB connects to pods from (IP targets): the VPC. An existing VPC whose range is not
   * given admits any source on the exposed ports only, which the ALB makes public anyway.
   */
  static String loadBalancerCidr(AwsSettings settings) {
    return settings.vpcId().isEmpty()
        ? settings.vpcCidr().orElse("10.0.0.0/16")
        : settings.vpcCidr().orElse("0.0.0.0/0");
  }

  static boolean https(Deployment d, AwsSettings settings) {
    return d.domain().isPresent()
        && (settings.route53ZoneId().isPresent() || settings.certificateArn().isPresent());
  }

  static ChartPlatform of(Deployment d, AwsSettings settings) {
    Map<String, String> annotations = new TreeMap<>();
    // pods are the ALB's targets (no NodePorts), health-checked where the Service points
    annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
    if (https(d, settings)) {
      annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\":80},{\"HTTPS\":443}]");
      annotations.put("alb.ingress.kubernetes.io/ssl-redirect", "443");
    }
    return new ChartPlatform(
        namespace(d),
        INGRESS_CLASS,
        d.domain().orElse(""),
        annotations,
        "alb.ingress.kubernetes.io/healthcheck-path",
        "",
        "",
        List.of(loadBalancerCidr(settings)),
        "ClusterSecretStore",
        SECRET_STORE,
        "",
        STORAGE_CLASS);
  }
}
