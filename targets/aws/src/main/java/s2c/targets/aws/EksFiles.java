package s2c.targets.aws;

import java.util.ArrayList;
import java.util.List;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.targets.aws.AwsPlan.Eks;
import s2c.targets.aws.AwsPlan.Secret;

/**
 * eks.tf: an EKS Auto Mode cluster (EKS runs the nodes, the ALB controller and the EBS driver, so
 * no add-on is installed by hand and no third-party IAM policy is copied), its two roles with AWS
 * managed policies, and the Pod Identity role External Secrets Operator reads exactly the
 * deployment's secrets with.
 */
final class EksFiles {
  private static final String MANAGED = "arn:aws:iam::aws:policy/";

  /** What EKS Auto Mode needs of the cluster role: the cluster, compute, storage, ALB, network. */
  static final List<String> CLUSTER_POLICIES =
      List.of(
          "AmazonEKSClusterPolicy",
          "AmazonEKSComputePolicy",
          "AmazonEKSBlockStoragePolicy",
          "AmazonEKSLoadBalancingPolicy",
          "AmazonEKSNetworkingPolicy");

  /** What an Auto Mode node needs: join the cluster, pull images. */
  static final List<String> NODE_POLICIES =
      List.of("AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly");

  private final AwsPlan plan;
  private final Eks eks;

  EksFiles(AwsPlan plan) {
    this.plan = plan;
    this.eks = plan.eks().orElseThrow();
  }

  HclBody cluster() {
    HclBody.Builder b = HclBody.builder();
    role(
        b, "cluster", "eks.amazonaws.com", "the EKS control plane and Auto Mode", CLUSTER_POLICIES);
    role(b, "node", "ec2.amazonaws.com", "the nodes EKS Auto Mode launches", NODE_POLICIES);
    b.block(
        "resource",
        List.of("aws_eks_cluster", "main"),
        c -> {
          c.attr("name", plan.name());
          c.attr("version", eks.version());
          c.attr("role_arn", HclExpr.ref("aws_iam_role.cluster.arn"));
          // Auto Mode installs the networking, DNS and proxy itself
          c.attr("bootstrap_self_managed_addons", false);
          c.attr("deletion_protection", plan.prod());
          if (plan.prod()) {
            c.attr(
                "enabled_cluster_log_types",
                HclExpr.strings(List.of("api", "audit", "authenticator")));
          }
          c.block(
              "access_config",
              a -> {
                a.attr("authentication_mode", "API");
                // the identity that applies (the infra repo's CI) administers the cluster, which
                // deploy.sh needs to install the chart right after
                a.attr("bootstrap_cluster_creator_admin_permissions", true);
              });
          c.block(
              "compute_config",
              cc -> {
                cc.attr("enabled", true);
                // the system pool runs cluster add-ons; workloads go to the deployment's own
                // node pool (cluster/nodepool.yaml), whose limits are sized from the chart
                cc.attr("node_pools", HclExpr.strings(List.of("system")));
                cc.attr("node_role_arn", HclExpr.ref("aws_iam_role.node.arn"));
              });
          c.block(
              "kubernetes_network_config",
              k -> k.block("elastic_load_balancing", e -> e.attr("enabled", true)));
          c.block("storage_config", s -> s.block("block_storage", bs -> bs.attr("enabled", true)));
          c.block(
              "vpc_config",
              v -> {
                v.attr("subnet_ids", NetworkFiles.privateSubnets(plan));
                v.attr("endpoint_private_access", true);
                v.attr("endpoint_public_access", true);
              });
          // at the end of standard support EKS upgrades the cluster instead of billing the
          // extended-support fee
          c.block("upgrade_policy", u -> u.attr("support_type", "STANDARD"));
          List<String> after = new ArrayList<>();
          CLUSTER_POLICIES.forEach(
              p -> after.add("aws_iam_role_policy_attachment.cluster_" + tf(p)));
          c.attr("depends_on", ModuleFiles.refs(after));
        });
    secretsReader(b);
    return b.build();
  }

  /**
   * External Secrets Operator's controller reads the deployment's secrets as this role, through an
   * EKS Pod Identity association with its service account: exactly these ARNs, nothing else. Auto
   * Mode nodes run the Pod Identity Agent themselves (no add-on to install).
   */
  private void secretsReader(HclBody.Builder b) {
    List<Secret> secrets = plan.secrets();
    if (secrets.isEmpty()) {
      return;
    }
    b.block(
        "resource",
        List.of("aws_iam_role", "secrets_reader"),
        r -> {
          r.attr("name", AwsNames.dashed(plan.name() + "-secrets-reader", 64));
          r.attr(
              "description",
              "External Secrets Operator reads " + plan.scenario() + "'s secrets (Pod Identity)");
          r.attr("assume_role_policy", IamPolicies.assumeBy("pods.eks.amazonaws.com", true));
        });
    List<HclExpr> arns = new ArrayList<>();
    secrets.forEach(s -> arns.add(HclExpr.ref("aws_secretsmanager_secret." + s.tf() + ".arn")));
    b.block(
        "resource",
        List.of("aws_iam_role_policy", "secrets_reader"),
        p -> {
          p.attr("name", "read-deployment-secrets");
          p.attr("role", HclExpr.ref("aws_iam_role.secrets_reader.id"));
          p.attr(
              "policy",
              IamPolicies.allow(
                  List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), arns));
        });
    b.block(
        "resource",
        List.of("aws_eks_pod_identity_association", "external_secrets"),
        a -> {
          a.attr("cluster_name", HclExpr.ref("aws_eks_cluster.main.name"));
          a.attr("namespace", EksPlatform.ESO_NAMESPACE);
          a.attr("service_account", EksPlatform.ESO_SERVICE_ACCOUNT);
          a.attr("role_arn", HclExpr.ref("aws_iam_role.secrets_reader.arn"));
        });
  }

  private void role(
      HclBody.Builder b, String name, String principal, String what, List<String> policies) {
    b.block(
        "resource",
        List.of("aws_iam_role", name),
        r -> {
          r.attr("name", AwsNames.dashed(plan.name() + "-" + name, 64));
          r.attr("description", what);
          // EKS tags the sessions of the cluster role (Auto Mode); EC2 does not
          r.attr("assume_role_policy", IamPolicies.assumeBy(principal, name.equals("cluster")));
        });
    for (String policy : policies) {
      b.block(
          "resource",
          List.of("aws_iam_role_policy_attachment", name + "_" + tf(policy)),
          a -> {
            a.attr("role", HclExpr.ref("aws_iam_role." + name + ".name"));
            a.attr("policy_arn", MANAGED + policy);
          });
    }
  }

  /** {@code AmazonEKSClusterPolicy} → {@code amazon_eks_cluster_policy}. */
  static String tf(String policy) {
    return policy
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
        .toLowerCase(java.util.Locale.ROOT);
  }
}
