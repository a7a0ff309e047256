package s2c.targets.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.model.Deployment;
import s2c.model.StateBackend;
import s2c.targets.aws.AwsPlan.Secret;

/**
 * The module's frame: versions.tf (providers, S3 state), providers.tf (region, default tags),
 * variables.tf, secrets.tf and outputs.tf.
 */
final class ModuleFiles {
  static final String AWS_VERSION = "6.25.0";
  static final String RANDOM_VERSION = "3.7.2";

  private final Deployment d;
  private final AwsPlan plan;

  ModuleFiles(Deployment d, AwsPlan plan) {
    this.d = d;
    this.plan = plan;
  }

  static HclExpr obj(Object... kv) {
    Map<String, HclExpr> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      m.put(
          (String) kv[i],
          v instanceof HclExpr e
              ? e
              : v instanceof Boolean b
                  ? HclExpr.bool(b)
                  : v instanceof Integer n ? HclExpr.num(n) : HclExpr.str((String) v));
    }
    return new HclExpr.Obj(m);
  }

  static HclExpr refs(List<String> traversals) {
    return new HclExpr.Tuple(traversals.stream().map(HclExpr::ref).toList());
  }

  private boolean needsRandom() {
    return plan.secrets().stream().anyMatch(Secret::generated);
  }

  HclBody versions() {
    return HclBody.builder()
        .block(
            "terraform",
            t -> {
              // ephemeral resources and write-only arguments need Terraform 1.11
              t.attr("required_version", ">= 1.11.0");
              t.block(
                  "required_providers",
                  rp -> {
                    rp.attr("aws", obj("source", "hashicorp/aws", "version", AWS_VERSION));
                    if (needsRandom()) {
                      rp.attr(
                          "random", obj("source", "hashicorp/random", "version", RANDOM_VERSION));
                    }
                  });
              d.stateBackend()
                  .filter(StateBackend::isRemote)
                  .ifPresent(
                      sb ->
                          t.block(
                              "backend",
                              List.of("s3"),
                              b -> {
                                b.attr("bucket", sb.bucket().orElseThrow());
                                b.attr("key", sb.key());
                                b.attr("region", sb.region().orElse(plan.region()));
                                b.attr("encrypt", true);
                                // S3-native locking: no DynamoDB table to create first
                                b.attr("use_lockfile", true);
                              }));
            })
        .build();
  }

  HclBody providers() {
    return HclBody.builder()
        .block(
            "provider",
            List.of("aws"),
            p -> {
              p.attr("region", HclExpr.ref("var.region"));
              p.block(
                  "default_tags",
                  t ->
                      t.attr(
                          "tags",
                          obj(
                              "scenario",
                              d.scenario(),
                              "env",
                              d.environment(),
                              "managed-by",
                              "scenario-to-cloud")));
            })
        .build();
  }

  HclBody variables() {
    HclBody.Builder b = HclBody.builder();
    b.block(
        "variable",
        List.of("region"),
        v -> {
          v.attr("type", HclExpr.ref("string"));
          v.attr("default", plan.region());
          v.attr("description", "the AWS region of every resource");
        });
    for (Secret s : plan.secrets()) {
      if (s.generated()) {
        continue;
      }
      b.block(
          "variable",
          List.of(s.tf()),
          v -> {
            v.attr("type", HclExpr.ref("string"));
            v.attr("sensitive", true);
            // never stored in plan or state: it reaches Secrets Manager through a write-only
            // argument
            v.attr("ephemeral", true);
            v.attr("description", description(s));
          });
      b.block(
          "variable",
          List.of(s.tf() + "_version"),
          v -> {
            v.attr("type", HclExpr.ref("number"));
            v.attr("default", 1);
            v.attr(
                "description",
                "bump to write a new value of "
                    + s.id()
                    + " (Terraform cannot compare a value it never stores)");
          });
    }
    return b.build();
  }

  private static String description(Secret s) {
    String source =
        switch (s.secretClass()) {
          case USER_PROMPT -> "from the infra repo's CI as TF_VAR_" + s.tf();
          default ->
              "fetched by deploy.sh from Vault (or TF_VAR_" + s.tf() + " in the environment)";
        };
    return s.description().isEmpty() ? source : s.description() + "; " + source;
  }

  HclBody secrets() {
    HclBody.Builder b = HclBody.builder();
    for (Secret s : plan.secrets()) {
      b.block(
          "resource",
          List.of("aws_secretsmanager_secret", s.tf()),
          r -> {
            r.attr("name", d.secretPath() + "/" + s.id());
            r.attr("description", s.description().isEmpty() ? s.id() : s.description());
            // a deleted secret's name stays taken for the recovery window: none outside prod
            r.attr("recovery_window_in_days", plan.prod() ? 30 : 0);
          });
      if (s.generated()) {
        b.block(
            "ephemeral",
            List.of("random_password", s.tf()),
            r -> {
              r.attr("length", s.length());
              r.attr("special", false);
            });
      }
      b.block(
          "resource",
          List.of("aws_secretsmanager_secret_version", s.tf()),
          r -> {
            r.attr("secret_id", HclExpr.ref("aws_secretsmanager_secret." + s.tf() + ".id"));
            if (s.generated()) {
              // generated at apply time and written once; version 1 never changes, so later
              // applies neither regenerate nor store it
              r.attr(
                  "secret_string_wo",
                  HclExpr.ref("ephemeral.random_password." + s.tf() + ".result"));
              r.attr("secret_string_wo_version", 1);
            } else {
              r.attr("secret_string_wo", HclExpr.ref("var." + s.tf()));
              r.attr("secret_string_wo_version", HclExpr.ref("var." + s.tf() + "_version"));
            }
          });
    }
    return b.build();
  }

  HclBody outputs() {
    HclBody.Builder b = HclBody.builder();
    if (plan.eks().isPresent()) {
      return eksOutputs(b);
    }
    if (plan.edge().present()) {
      b.block(
          "output",
          List.of("load_balancer_dns_name"),
          o -> {
            o.attr("value", HclExpr.ref("aws_lb.main.dns_name"));
            o.attr("description", "the load balancer's AWS host name");
          });
      b.block(
          "output",
          List.of("live_url"),
          o -> {
            o.attr(
                "value",
                plan.edge().domain().isPresent()
                    ? HclExpr.str("https://" + plan.edge().domain().get())
                    : HclExpr.call(
                        "format", HclExpr.str("http://%s"), HclExpr.ref("aws_lb.main.dns_name")));
            o.attr("description", "where the deployment answers");
          });
    }
    b.block(
        "output",
        List.of("cluster_name"),
        o -> o.attr("value", HclExpr.ref("aws_ecs_cluster.main.name")));
    b.block(
        "output",
        List.of("service_names"),
        o ->
            o.attr(
                "value",
                new HclExpr.Tuple(
                    plan.tasks().stream()
                        .map(t -> (HclExpr) HclExpr.ref("aws_ecs_service." + t.tf() + ".name"))
                        .toList())));
    b.block(
        "output", List.of("task_subnets"), o -> o.attr("value", NetworkFiles.privateSubnets(plan)));
    return b.build();
  }

  /** What deploy.sh reads after apply to reach the cluster and give the ALB its certificate. */
  private HclBody eksOutputs(HclBody.Builder b) {
    b.block(
        "output",
        List.of("cluster_name"),
        o -> {
          o.attr("value", HclExpr.ref("aws_eks_cluster.main.name"));
          o.attr("description", "aws eks update-kubeconfig --name <this>");
        });
    b.block(
        "output", List.of("namespace"), o -> o.attr("value", plan.eks().orElseThrow().namespace()));
    if (plan.eks().orElseThrow().exposed() && plan.edge().https()) {
      b.block(
          "output",
          List.of("certificate_arn"),
          o -> {
            o.attr("value", NetworkFiles.certificateArn(plan.edge()));
            o.attr("description", "the ALB's certificate (IngressClassParams certificateARNs)");
          });
      b.block(
          "output",
          List.of("live_url"),
          o -> {
            o.attr("value", "https://" + plan.edge().domain().orElseThrow());
            o.attr("description", "where the deployment answers");
          });
    }
    return b.build();
  }
}
