package s2c.targets.aws;

import static s2c.targets.aws.ModuleFiles.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.targets.aws.AwsPlan.Cache;
import s2c.targets.aws.AwsPlan.Database;
import s2c.targets.aws.AwsPlan.MigrationTask;
import s2c.targets.aws.AwsPlan.Task;

/**
 * ecs.tf (cluster, roles, task definitions, services, their security groups and private DNS) and
 * data.tf (RDS and ElastiCache, reachable only from the services that use them).
 */
final class ComputeFiles {
  static final String EXECUTION_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  private final AwsPlan plan;
  private final Set<String> taskNames = new TreeSet<>();
  private final NetworkFiles network;

  ComputeFiles(AwsPlan plan, NetworkFiles network) {
    this.plan = plan;
    this.network = network;
    plan.tasks().forEach(t -> taskNames.add(t.tf()));
  }

  HclBody ecs() {
    HclBody.Builder b = HclBody.builder();
    b.block(
        "resource",
        List.of("aws_ecs_cluster", "main"),
        c -> {
          c.attr("name", plan.name());
          c.block(
              "setting",
              s -> {
                s.attr("name", "containerInsights");
                s.attr("value", plan.prod() ? "enabled" : "disabled");
              });
        });
    b.block(
        "resource",
        List.of("aws_service_discovery_private_dns_namespace", "main"),
        n -> {
          n.attr("name", plan.namespace());
          n.attr("description", "private names of " + plan.scenario() + " " + plan.environment());
          n.attr("vpc", NetworkFiles.vpcId(plan));
        });
    roles(b);
    for (Task t : plan.tasks()) {
      task(b, t);
    }
    for (MigrationTask m : plan.migrations()) {
      taskDefinition(b, m.base(), AwsNames.tf(m.service()));
    }
    return b.build();
  }

  private void roles(HclBody.Builder b) {
    b.block(
        "resource",
        List.of("aws_iam_role", "execution"),
        r -> {
          r.attr("name", AwsNames.dashed(plan.name() + "-execution", 64));
          r.attr("description", "ECS pulls images, writes logs and reads the deployment's secrets");
          r.attr("assume_role_policy", IamPolicies.assumeBy("ecs-tasks.amazonaws.com", false));
        });
    b.block(
        "resource",
        List.of("aws_iam_role_policy_attachment", "execution"),
        a -> {
          a.attr("role", HclExpr.ref("aws_iam_role.execution.name"));
          a.attr("policy_arn", EXECUTION_POLICY);
        });
    List<HclExpr> secretArns = new ArrayList<>();
    plan.secrets()
        .forEach(s -> secretArns.add(HclExpr.ref("aws_secretsmanager_secret." + s.tf() + ".arn")));
    plan.databases()
        .forEach(
            db ->
                secretArns.add(
                    HclExpr.ref(
                        "aws_db_instance." + db.tf() + ".master_user_secret[0].secret_arn")));
    if (!secretArns.isEmpty()) {
      b.block(
          "resource",
          List.of("aws_iam_role_policy", "execution_secrets"),
          p -> {
            p.attr("name", "read-deployment-secrets");
            p.attr("role", HclExpr.ref("aws_iam_role.execution.id"));
            // exactly the secrets this deployment creates, nothing else in the account
            p.attr(
                "policy", IamPolicies.allow(List.of("secretsmanager:GetSecretValue"), secretArns));
          });
    }
    b.block(
        "resource",
        List.of("aws_iam_role", "task"),
        r -> {
          r.attr("name", AwsNames.dashed(plan.name() + "-task", 64));
          r.attr("description", "what the app's containers may call in AWS: nothing by default");
          r.attr("assume_role_policy", IamPolicies.assumeBy("ecs-tasks.amazonaws.com", false));
        });
  }

  private void task(HclBody.Builder b, Task t) {
    b.block(
        "resource",
        List.of("aws_security_group", t.tf()),
        g -> {
          g.attr("name", AwsNames.dashed(plan.name() + "-" + t.id(), 255));
          g.attr("description", t.origin() + ": only what declares a dependency reaches it");
          g.attr("vpc_id", NetworkFiles.vpcId(plan));
        });
    b.block(
        "resource",
        List.of("aws_vpc_security_group_egress_rule", t.tf() + "_out"),
        r -> {
          r.attr("security_group_id", HclExpr.ref("aws_security_group." + t.tf() + ".id"));
          r.attr("cidr_ipv4", "0.0.0.0/0");
          r.attr("ip_protocol", "-1");
          r.attr("description", "images, secrets, logs and the services it depends on");
        });
    if (t.port().isPresent()) {
      int port = t.port().get();
      boolean routed = network.routed().contains(t);
      if (routed) {
        ingress(b, t.tf() + "_from_alb", t.tf(), "alb", port, "the load balancer");
      }
      for (String from : t.reachableFrom()) {
        if (taskNames.contains(from)) {
          ingress(b, t.tf() + "_from_" + from, t.tf(), from, port, from);
        }
      }
    }
    b.block(
        "resource",
        List.of("aws_cloudwatch_log_group", t.tf()),
        l -> {
          l.attr("name", logGroup(t));
          l.attr("retention_in_days", plan.logRetentionDays());
        });
    taskDefinition(b, t, t.tf());
    if (t.port().isPresent()) {
      b.block(
          "resource",
          List.of("aws_service_discovery_service", t.tf()),
          s -> {
            s.attr("name", AwsNames.dashed(t.id(), 63));
            s.block(
                "dns_config",
                dns -> {
                  dns.attr(
                      "namespace_id",
                      HclExpr.ref("aws_service_discovery_private_dns_namespace.main.id"));
                  dns.attr("routing_policy", "MULTIVALUE");
                  dns.block(
                      "dns_records",
                      r -> {
                        r.attr("ttl", 10);
                        r.attr("type", "A");
                      });
                });
          });
    }
    boolean routed = network.routed().contains(t);
    b.block(
        "resource",
        List.of("aws_ecs_service", t.tf()),
        s -> {
          s.attr("name", AwsNames.dashed(t.id(), 255));
          s.attr("cluster", HclExpr.ref("aws_ecs_cluster.main.id"));
          s.attr("task_definition", HclExpr.ref("aws_ecs_task_definition." + t.tf() + ".arn"));
          s.attr("desired_count", t.desiredCount());
          s.attr("launch_type", "FARGATE");
          s.attr("propagate_tags", "SERVICE");
          // apply returns when the tasks are running and healthy, and fails when they never are
          s.attr("wait_for_steady_state", true);
          if (routed) {
            s.attr("health_check_grace_period_seconds", 60);
          }
          // the provider-native rollback: a deployment whose tasks never get healthy goes back to
          // the last one that did
          s.block(
              "deployment_circuit_breaker",
              c -> {
                c.attr("enable", true);
                c.attr("rollback", true);
              });
          s.block(
              "network_configuration",
              n -> {
                n.attr("subnets", NetworkFiles.privateSubnets(plan));
                n.attr(
                    "security_groups",
                    ModuleFiles.refs(List.of("aws_security_group." + t.tf() + ".id")));
                n.attr("assign_public_ip", false);
              });
          if (routed) {
            s.block(
                "load_balancer",
                l -> {
                  l.attr("target_group_arn", HclExpr.ref("aws_lb_target_group." + t.tf() + ".arn"));
                  l.attr("container_name", t.tf());
                  l.attr("container_port", t.port().orElseThrow());
                });
          }
          if (t.port().isPresent()) {
            s.block(
                "service_registries",
                r ->
                    r.attr(
                        "registry_arn",
                        HclExpr.ref("aws_service_discovery_service." + t.tf() + ".arn")));
          }
          List<String> after = new ArrayList<>();
          if (routed) {
            after.add(plan.edge().https() ? "aws_lb_listener.https" : "aws_lb_listener.http");
          }
          // a task must not start before the secrets it reads have a value
          after.addAll(t.waitsFor());
          after.add("aws_iam_role_policy_attachment.execution");
          if (!t.secrets().isEmpty()) {
            after.add("aws_iam_role_policy.execution_secrets");
          }
          s.attr("depends_on", ModuleFiles.refs(after));
          // a deployment the circuit breaker rolled back is also steady, on the old task
          // definition: the apply fails then instead of reporting success
          // (hashicorp/terraform-provider-aws#20858)
          s.block(
              "lifecycle",
              l ->
                  l.block(
                      "postcondition",
                      c -> {
                        c.attr(
                            "condition",
                            HclExpr.call(
                                "contains",
                                ModuleFiles.refs(
                                    List.of("aws_ecs_task_definition." + t.tf() + ".arn")),
                                HclExpr.ref("self.task_definition")));
                        c.attr(
                            "error_message",
                            "ECS rolled the deployment of "
                                + t.id()
                                + " back: its new tasks never became healthy (see the service's events and log group)");
                      }));
        });
  }

  private String logGroup(Task t) {
    return "/ecs/"
        + plan.scenario()
        + "/"
        + plan.environment()
        + "/"
        + AwsNames.dashed(t.id(), 200);
  }

  private void ingress(
      HclBody.Builder b, String name, String to, String from, int port, String what) {
    b.block(
        "resource",
        List.of("aws_vpc_security_group_ingress_rule", name),
        r -> {
          r.attr("security_group_id", HclExpr.ref("aws_security_group." + to + ".id"));
          r.attr("referenced_security_group_id", HclExpr.ref("aws_security_group." + from + ".id"));
          r.attr("ip_protocol", "tcp");
          r.attr("from_port", port);
          r.attr("to_port", port);
          r.attr("description", "from " + what);
        });
  }

  /** A task definition; a migration's uses the log group of its service. */
  private void taskDefinition(HclBody.Builder b, Task t, String logOwner) {
    Task owner = plan.tasks().stream().filter(x -> x.tf().equals(logOwner)).findFirst().orElse(t);
    List<HclExpr> env = new ArrayList<>();
    t.environment().forEach(e -> env.add(obj("name", e.name(), "value", e.value())));
    List<HclExpr> secrets = new ArrayList<>();
    t.secrets().forEach(s -> secrets.add(obj("name", s.name(), "valueFrom", s.valueFrom())));
    java.util.LinkedHashMap<String, HclExpr> container = new java.util.LinkedHashMap<>();
    container.put("name", HclExpr.str(t.tf()));
    container.put("image", HclExpr.str(t.image()));
    container.put("essential", HclExpr.bool(true));
    if (!t.command().isEmpty()) {
      container.put("command", HclExpr.strings(t.command()));
    }
    t.port()
        .ifPresent(
            p ->
                container.put(
                    "portMappings",
                    new HclExpr.Tuple(List.of(obj("containerPort", p, "protocol", "tcp")))));
    container.put("environment", new HclExpr.Tuple(env));
    container.put("secrets", new HclExpr.Tuple(secrets));
    t.healthCommand()
        .ifPresent(
            h ->
                container.put(
                    "healthCheck",
                    obj(
                        "command",
                        HclExpr.strings(h),
                        "interval",
                        30,
                        "timeout",
                        5,
                        "retries",
                        3,
                        "startPeriod",
                        30)));
    container.put(
        "logConfiguration",
        obj(
            "logDriver",
            "awslogs",
            "options",
            obj(
                "awslogs-group",
                HclExpr.ref("aws_cloudwatch_log_group." + owner.tf() + ".name"),
                "awslogs-region",
                HclExpr.ref("var.region"),
                "awslogs-stream-prefix",
                t == owner ? "ecs" : "migration")));
    b.block(
        "resource",
        List.of("aws_ecs_task_definition", t.tf()),
        d -> {
          d.attr("family", AwsNames.dashed(plan.name() + "-" + t.tf(), 255));
          d.attr("requires_compatibilities", HclExpr.strings(List.of("FARGATE")));
          d.attr("network_mode", "awsvpc");
          d.attr("cpu", String.valueOf(t.size().cpu()));
          d.attr("memory", String.valueOf(t.size().memory()));
          d.attr("execution_role_arn", HclExpr.ref("aws_iam_role.execution.arn"));
          d.attr("task_role_arn", HclExpr.ref("aws_iam_role.task.arn"));
          d.block(
              "runtime_platform",
              r -> {
                r.attr("operating_system_family", "LINUX");
                r.attr("cpu_architecture", "X86_64");
              });
          d.attr(
              "container_definitions",
              HclExpr.call("jsonencode", new HclExpr.Tuple(List.of(new HclExpr.Obj(container)))));
        });
  }

  HclBody data() {
    HclBody.Builder b = HclBody.builder();
    for (Database db : plan.databases()) {
      guarded(b, db.tf(), "PostgreSQL " + db.resource(), 5432, db.consumers());
      b.block(
          "resource",
          List.of("aws_db_subnet_group", db.tf()),
          g -> {
            g.attr("name", AwsNames.dashed(plan.name() + "-" + db.resource(), 255));
            g.attr("subnet_ids", NetworkFiles.privateSubnets(plan));
          });
      b.block(
          "resource",
          List.of("aws_db_instance", db.tf()),
          r -> {
            r.attr("identifier", AwsNames.dashed(plan.name() + "-" + db.resource(), 63));
            r.attr("engine", "postgres");
            r.attr("engine_version", db.engineVersion());
            r.attr("instance_class", db.instanceClass());
            r.attr("allocated_storage", 20);
            r.attr("max_allocated_storage", 100);
            r.attr("storage_type", "gp3");
            r.attr("storage_encrypted", true);
            r.attr("db_name", db.dbName());
            r.attr("username", AwsPlanner.DB_USER);
            // RDS keeps the password in Secrets Manager and rotates it: never in plan or state
            r.attr("manage_master_user_password", true);
            r.attr("db_subnet_group_name", HclExpr.ref("aws_db_subnet_group." + db.tf() + ".name"));
            r.attr(
                "vpc_security_group_ids",
                ModuleFiles.refs(List.of("aws_security_group." + db.tf() + ".id")));
            r.attr("multi_az", db.multiAz());
            r.attr("publicly_accessible", false);
            r.attr("backup_retention_period", plan.prod() ? 7 : 1);
            r.attr("deletion_protection", plan.prod());
            r.attr("skip_final_snapshot", !plan.prod());
            if (plan.prod()) {
              r.attr(
                  "final_snapshot_identifier",
                  AwsNames.dashed(plan.name() + "-" + db.resource() + "-final", 255));
            }
            r.attr("auto_minor_version_upgrade", true);
            r.attr("copy_tags_to_snapshot", true);
            r.attr("apply_immediately", !plan.prod());
          });
    }
    for (Cache c : plan.caches()) {
      guarded(b, c.tf(), "Valkey " + c.resource(), 6379, c.consumers());
      b.block(
          "resource",
          List.of("aws_elasticache_subnet_group", c.tf()),
          g -> {
            g.attr("name", AwsNames.dashed(plan.name() + "-" + c.resource(), 255));
            g.attr("subnet_ids", NetworkFiles.privateSubnets(plan));
          });
      b.block(
          "resource",
          List.of("aws_elasticache_replication_group", c.tf()),
          r -> {
            r.attr("replication_group_id", AwsNames.dashed(plan.name() + "-" + c.resource(), 40));
            r.attr(
                "description", c.resource() + " of " + plan.scenario() + " " + plan.environment());
            r.attr("engine", "valkey");
            r.attr("engine_version", "8.0");
            r.attr("node_type", c.nodeType());
            r.attr("port", 6379);
            r.attr("num_cache_clusters", c.ha() ? 2 : 1);
            r.attr("automatic_failover_enabled", c.ha());
            r.attr("multi_az_enabled", c.ha());
            r.attr("transit_encryption_enabled", true);
            r.attr("at_rest_encryption_enabled", "true");
            r.attr(
                "subnet_group_name",
                HclExpr.ref("aws_elasticache_subnet_group." + c.tf() + ".name"));
            r.attr(
                "security_group_ids",
                ModuleFiles.refs(List.of("aws_security_group." + c.tf() + ".id")));
            r.attr("snapshot_retention_limit", plan.prod() ? 7 : 0);
            r.attr("apply_immediately", !plan.prod());
          });
    }
    return b.build();
  }

  /** A data store's security group: its port, from the services that use it and nothing else. */
  private void guarded(
      HclBody.Builder b, String tf, String what, int port, List<String> consumers) {
    b.block(
        "resource",
        List.of("aws_security_group", tf),
        g -> {
          g.attr("name", AwsNames.dashed(plan.name() + "-" + tf, 255));
          g.attr("description", what + ": only the services that use it connect");
          g.attr("vpc_id", NetworkFiles.vpcId(plan));
        });
    for (String from : consumers) {
      if (taskNames.contains(from)) {
        ingress(b, tf + "_from_" + from, tf, from, port, from);
      }
    }
  }
}
