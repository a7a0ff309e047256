package s2c.targets.aws;

import java.util.List;
import java.util.Optional;
import s2c.hcl.HclExpr;
import s2c.model.SecretClass;

/**
 * The AWS plan: every decision about the model made once, as data, before any HCL is printed (the
 * network, what runs as an ECS service, which secrets exist and who reads them, which resources are
 * RDS, ElastiCache, containers or external, and what the load balancer routes where).
 */
record AwsPlan(
    String name,
    String scenario,
    String environment,
    String region,
    boolean prod,
    Network network,
    List<Task> tasks,
    List<MigrationTask> migrations,
    List<Database> databases,
    List<Cache> caches,
    List<Secret> secrets,
    Edge edge,
    int logRetentionDays,
    String namespace,
    Optional<Eks> eks) {

  /**
   * The EKS flavour: an Auto Mode cluster (EC2 capacity, ALB and EBS managed by EKS) that runs the
   * Kubernetes chart, External Secrets Operator reading Secrets Manager through Pod Identity.
   *
   * @param version the EKS Kubernetes version
   * @param namespace where the chart is installed
   * @param release the Helm release name
   * @param cpuLimit the node pool's CPU ceiling (cores), sized from the chart's requests
   * @param memoryLimitGi the node pool's memory ceiling
   * @param exposed whether the chart has an Ingress (an ALB is made for it)
   * @param loadBalancerCidr where the ALB connects to pods from (the VPC)
   */
  record Eks(
      String version,
      String namespace,
      String release,
      long cpuLimit,
      long memoryLimitGi,
      boolean exposed,
      String loadBalancerCidr) {}

  /**
   * A new VPC over {@code azs} zones with {@code natGateways} NAT gateways, or an existing one (its
   * subnets given).
   */
  record Network(
      Optional<String> existingVpcId,
      List<String> existingPublicSubnets,
      List<String> existingPrivateSubnets,
      int azs,
      String cidr,
      int natGateways) {
    boolean created() {
      return existingVpcId.isEmpty();
    }
  }

  /** A variable of a container: plain text, or a reference Terraform resolves (an address). */
  record Env(String name, HclExpr value) {}

  /** A secret of a container: the Secrets Manager ARN (or ARN:json-key::) ECS reads it from. */
  record SecretEnv(String name, HclExpr valueFrom, String secretAddress) {}

  /** The ALB's check of an HTTP service. */
  record HttpCheck(String path, int interval, int timeout, int unhealthyThreshold) {}

  /**
   * One ECS service on Fargate: an app service, or a backing resource run from its official image.
   *
   * @param tf its Terraform name
   * @param reachableFrom the Terraform names of the tasks allowed to connect to its port
   * @param waitsFor Terraform addresses the service must not start before (secret values)
   */
  record Task(
      String tf,
      String id,
      String origin,
      String image,
      List<String> command,
      FargateSizes.Size size,
      int desiredCount,
      Optional<Integer> port,
      List<Env> environment,
      List<SecretEnv> secrets,
      Optional<List<String>> healthCommand,
      Optional<HttpCheck> lbCheck,
      List<String> reachableFrom,
      List<String> waitsFor) {}

  /** A one-off task deploy.sh runs before the services are updated: the service's image and env. */
  record MigrationTask(String service, String version, Task base) {
    String tf() {
      return base.tf();
    }

    List<String> command() {
      return base.command();
    }
  }

  /** RDS PostgreSQL whose master password lives in Secrets Manager (never in state). */
  record Database(
      String tf,
      String resource,
      String engineVersion,
      String instanceClass,
      boolean multiAz,
      String dbName,
      List<String> consumers) {}

  /** ElastiCache (Valkey) with TLS in transit. */
  record Cache(String tf, String resource, String nodeType, boolean ha, List<String> consumers) {}

  /**
   * A Secrets Manager secret the deployment creates: its value comes from an ephemeral variable
   * (user_prompt, remote_fetch, an external endpoint) or an ephemeral random password (generated).
   */
  record Secret(String tf, String id, SecretClass secretClass, String description, int length) {
    boolean generated() {
      return secretClass == SecretClass.PER_INSTALL_GENERATED;
    }
  }

  /** A path the load balancer forwards to a task (longest first). */
  record Route(String path, String task) {}

  /**
   * The public edge: HTTPS when there is a domain (a certificate validated in Route 53, or one
   * given), plain HTTP otherwise.
   */
  record Edge(
      Optional<String> domain,
      Optional<String> zoneId,
      Optional<String> certificateArn,
      List<Route> routes,
      Optional<String> defaultTask) {
    boolean https() {
      return domain.isPresent();
    }

    /** Whether anything is public: without a routed service there is no load balancer at all. */
    boolean present() {
      return defaultTask.isPresent() || !routes.isEmpty();
    }
  }
}
