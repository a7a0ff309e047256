package s2c.targets.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import s2c.model.Deployment;
import s2c.model.SecretClass;
import s2c.spi.RenderContext;
import s2c.targets.aws.AwsPlan.MigrationTask;
import s2c.targets.aws.AwsPlan.Secret;
import s2c.targets.aws.AwsPlan.Task;
import s2c.write.ShellWords;

/** What deploy.sh, the Makefile and the README need, every shell word already quoted. */
final class DeployScope {
  private DeployScope() {}

  static Map<String, Object> of(Deployment d, AwsPlan plan, RenderContext context) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("version", d.appVersion());
    scope.put("compilerVersion", context.compilerVersion());
    scope.put("region", plan.region());
    scope.put("prod", plan.prod());
    scope.put("remoteState", d.stateBackend().filter(b -> b.isRemote()).isPresent());
    d.stateBackend()
        .filter(b -> b.isRemote())
        .ifPresent(
            b -> {
              scope.put("stateBucket", b.bucket().orElse(""));
              scope.put("stateKey", b.key());
            });
    List<Map<String, String>> inputs = new ArrayList<>();
    List<Map<String, String>> secrets = new ArrayList<>();
    for (Secret s : plan.secrets()) {
      String source =
          switch (s.secretClass()) {
            case USER_PROMPT -> "CI secret `TF_VAR_" + s.tf() + "`";
            case PER_INSTALL_GENERATED ->
                "generated at apply time (`ephemeral.random_password."
                    + s.tf()
                    + "`), written once";
            default -> "Vault `$S2C_VAULT_PREFIX/" + s.id() + "` (or `TF_VAR_" + s.tf() + "`)";
          };
      secrets.add(
          Map.of(
              "id",
              s.id(),
              "name",
              d.secretPath() + "/" + s.id(),
              "cls",
              s.secretClass().wire(),
              "source",
              source));
      if (!s.generated()) {
        inputs.add(Map.of("var", s.tf(), "id", s.id(), "cls", s.secretClass().wire()));
      }
    }
    scope.put("secrets", secrets);
    scope.put("inputSecrets", inputs);
    scope.put("hasSecrets", !secrets.isEmpty());
    List<Map<String, String>> fetched =
        inputs.stream().filter(m -> !m.get("cls").equals(SecretClass.USER_PROMPT.wire())).toList();
    scope.put("fetchedSecrets", fetched);
    scope.put("hasFetched", !fetched.isEmpty());
    List<Map<String, String>> migrations = new ArrayList<>();
    for (MigrationTask m : plan.migrations()) {
      migrations.add(
          Map.of(
              "task", m.tf(),
              "securityGroup", AwsNames.tf(m.service()),
              "service", m.service(),
              "version", m.version()));
    }
    scope.put("migrations", migrations);
    scope.put("hasMigrations", !migrations.isEmpty());
    scope.put("migrationTargets", migrationTargets(plan));
    scope.put(
        "existingSubnets",
        ShellWords.quote(String.join(",", plan.network().existingPrivateSubnets())));
    List<Map<String, String>> tasks = new ArrayList<>();
    for (Task t : plan.tasks()) {
      tasks.add(
          Map.of(
              "name", t.id(),
              "origin", t.origin(),
              "image", t.image(),
              "size",
                  t.size().cpu()
                      + " CPU units / "
                      + t.size().memory()
                      + " MiB × "
                      + t.desiredCount(),
              "port", t.port().map(String::valueOf).orElse("none")));
    }
    scope.put("tasks", tasks);
    List<Map<String, String>> routes = new ArrayList<>();
    plan.edge().routes().forEach(r -> routes.add(Map.of("path", r.path(), "task", r.task())));
    plan.edge().defaultTask().ifPresent(t -> routes.add(Map.of("path", "/", "task", t)));
    scope.put("routes", routes);
    List<Map<String, String>> stores = new ArrayList<>();
    plan.databases()
        .forEach(
            db ->
                stores.add(
                    Map.of(
                        "name",
                        db.resource(),
                        "what",
                        "RDS PostgreSQL "
                            + db.engineVersion()
                            + ", "
                            + db.instanceClass()
                            + (db.multiAz() ? ", Multi-AZ" : ""))));
    plan.caches()
        .forEach(
            c ->
                stores.add(
                    Map.of(
                        "name",
                        c.resource(),
                        "what",
                        "ElastiCache Valkey 8.0, "
                            + c.nodeType()
                            + (c.ha() ? " × 2 with failover" : ""))));
    scope.put("stores", stores);
    scope.put("hasStores", !stores.isEmpty());
    scope.put("domain", plan.edge().domain().orElse(""));
    scope.put("https", plan.edge().https());
    scope.put("natGateways", plan.network().natGateways());
    scope.put("azs", plan.network().azs());
    scope.put("newVpc", plan.network().created());
    scope.put("eks", plan.eks().isPresent());
    scope.put("flavourTitle", plan.eks().isPresent() ? "EKS Auto Mode" : "ECS on Fargate");
    scope.put(
        "actions",
        plan.eks().isPresent()
            ? "init|plan|apply|cluster|release"
            : plan.migrations().isEmpty() ? "init|plan|apply" : "init|plan|apply|migrate");
    plan.eks().ifPresent(eks -> eksScope(scope, plan, eks));
    return scope;
  }

  private static void eksScope(Map<String, Object> scope, AwsPlan plan, AwsPlan.Eks eks) {
    scope.put("esoVersion", EksPlatform.ESO_CHART_VERSION);
    scope.put("esoNamespace", EksPlatform.ESO_NAMESPACE);
    scope.put("namespace", eks.namespace());
    scope.put("release", eks.release());
    scope.put("eksVersion", eks.version());
    scope.put("ingressClassParams", ClusterObjects.INGRESS_CLASS_PARAMS);
    scope.put("storageClass", EksPlatform.STORAGE_CLASS);
    scope.put("secretStore", EksPlatform.SECRET_STORE);
    scope.put("exposed", eks.exposed());
    scope.put("nodePool", eks.cpuLimit() + " vCPU / " + eks.memoryLimitGi() + " GiB");
    scope.put("loadBalancerCidr", eks.loadBalancerCidr());
    boolean certificate = eks.exposed() && plan.edge().https();
    scope.put("certificate", certificate);
    // an alias record only where the domain's zone is in Route 53
    boolean dns = certificate && plan.edge().zoneId().isPresent();
    scope.put("dnsRecord", dns);
    scope.put("zoneId", ShellWords.quote(plan.edge().zoneId().orElse("")));
    scope.put("domainWord", ShellWords.quote(plan.edge().domain().orElse("")));
  }

  /**
   * What a migration task needs before it runs, for deploy.sh's targeted apply: its task definition
   * (Terraform adds the roles, log group, database and secrets it references), the network path out
   * (NAT routes), its service's security group with the data stores' rules for it, and the secret
   * values it reads.
   */
  private static String migrationTargets(AwsPlan plan) {
    TreeSet<String> targets = new TreeSet<>();
    for (MigrationTask m : plan.migrations()) {
      String service = AwsNames.tf(m.service());
      targets.add("aws_ecs_task_definition." + m.tf());
      targets.add("aws_ecs_cluster.main");
      targets.add("aws_vpc_security_group_egress_rule." + service + "_out");
      plan.databases().stream()
          .filter(db -> db.consumers().contains(service))
          .forEach(
              db ->
                  targets.add(
                      "aws_vpc_security_group_ingress_rule." + db.tf() + "_from_" + service));
      plan.caches().stream()
          .filter(c -> c.consumers().contains(service))
          .forEach(
              c ->
                  targets.add(
                      "aws_vpc_security_group_ingress_rule." + c.tf() + "_from_" + service));
      targets.addAll(m.base().waitsFor());
      targets.add("aws_iam_role_policy_attachment.execution");
      if (!m.base().secrets().isEmpty()) {
        targets.add("aws_iam_role_policy.execution_secrets");
      }
      if (plan.network().created()) {
        for (int i = 1; i <= plan.network().azs(); i++) {
          targets.add("aws_route.private_" + i + "_nat");
          targets.add("aws_route_table_association.private_" + i);
        }
      }
    }
    List<String> words = new ArrayList<>();
    targets.forEach(t -> words.add("-target=" + t));
    return ShellWords.join(words);
  }
}
