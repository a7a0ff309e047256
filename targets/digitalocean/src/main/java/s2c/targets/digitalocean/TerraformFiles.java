package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.hcl.HclWriter;
import s2c.model.Deployment;
import s2c.model.SecretClass;
import s2c.model.SecretRef;
import s2c.model.StateBackend;
import s2c.targets.digitalocean.DoPlan.Component;
import s2c.targets.digitalocean.DoPlan.EnvVar;
import s2c.targets.digitalocean.DoPlan.ManagedDb;

/** Prints a {@link DoPlan} as the four Terraform files of the module. */
final class TerraformFiles {
  static final String PROVIDER_VERSION = "2.71.0";
  static final String RANDOM_VERSION = "3.6.3";

  private final Deployment d;
  private final DoPlan plan;

  TerraformFiles(Deployment d, DoPlan plan) {
    this.d = d;
    this.plan = plan;
  }

  Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("terraform/versions.tf", HclWriter.write(versions()));
    files.put("terraform/variables.tf", HclWriter.write(variables()));
    files.put("terraform/main.tf", HclWriter.write(main()));
    files.put("terraform/outputs.tf", HclWriter.write(outputs()));
    return files;
  }

  private boolean needsRandom() {
    return plan.secrets().stream().anyMatch(s -> s.secretClass() == SecretClass.PER_INSTALL_GENERATED);
  }

  private HclBody versions() {
    return HclBody.builder()
        .block("terraform", t -> {
          // S3 state locking without DynamoDB (use_lockfile) needs Terraform 1.10; skip_s3_checksum 1.6.3
          t.attr("required_version", d.stateBackend().filter(StateBackend::isRemote).isPresent() ? ">= 1.10.0" : ">= 1.6.3");
          t.block("required_providers", rp -> {
            rp.attr("digitalocean", obj("source", HclExpr.str("digitalocean/digitalocean"), "version", HclExpr.str(PROVIDER_VERSION)));
            if (needsRandom()) {
              rp.attr("random", obj("source", HclExpr.str("hashicorp/random"), "version", HclExpr.str(RANDOM_VERSION)));
            }
          });
          d.stateBackend().filter(StateBackend::isRemote).ifPresent(sb -> t.block("backend", List.of("s3"), b -> {
            // DigitalOcean Spaces speaks the S3 API; the AWS-specific checks must be off
            b.attr("bucket", sb.bucket().orElseThrow());
            b.attr("key", sb.key());
            b.attr("region", "us-east-1");
            b.attr("endpoints", obj("s3", HclExpr.str("https://" + sb.region().orElseThrow() + ".digitaloceanspaces.com")));
            b.attr("skip_credentials_validation", true);
            b.attr("skip_metadata_api_check", true);
            b.attr("skip_region_validation", true);
            b.attr("skip_requesting_account_id", true);
            b.attr("skip_s3_checksum", true);
            // a lock object beside the state: two applies never write it at once
            b.attr("use_lockfile", true);
          }));
        })
        .block("provider", List.of("digitalocean"), p -> { })
        .build();
  }

  private HclBody variables() {
    HclBody.Builder b = HclBody.builder();
    b.block("variable", List.of("region"), v -> v
        .attr("description", "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region")
        .attr("type", HclExpr.ref("string"))
        .attr("default", plan.defaultRegion()));
    plan.domain().ifPresent(domain -> b.block("variable", List.of("domain"), v -> v
        .attr("description", "Public domain of the app (its DNS must point at App Platform)")
        .attr("type", HclExpr.ref("string"))
        .attr("default", domain)));
    for (DoPlan.RequiredInput input : plan.requiredInputs()) {
      b.block("variable", List.of(input.variable()), v -> v
          .attr("description", input.description())
          .attr("type", HclExpr.ref("string"))
          .attr("sensitive", true)
          .attr("nullable", false));
    }
    return b.build();
  }

  private HclBody main() {
    HclBody.Builder b = HclBody.builder();
    b.block("locals", l -> l
        .attr("app_region", HclExpr.call("substr", HclExpr.ref("var.region"), HclExpr.num(0), HclExpr.num(3)))
        .attr("tags", HclExpr.strings(plan.tags())));
    List<HclExpr> projectResources = new ArrayList<>();
    projectResources.add(HclExpr.ref("digitalocean_app.app.urn"));
    for (ManagedDb db : plan.databases()) {
      projectResources.add(HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".urn"));
    }
    b.block("resource", List.of("digitalocean_project", "this"), p -> p
        .attr("name", plan.projectName())
        .attr("description", d.scenario() + " (" + d.environment() + "), managed by scenario-to-cloud; tags: " + String.join(", ", plan.tags()))
        .attr("purpose", "Web Application")
        .attr("environment", plan.projectEnvironment())
        .attr("resources", new HclExpr.Tuple(projectResources)));
    for (SecretRef s : plan.secrets()) {
      if (s.secretClass() == SecretClass.PER_INSTALL_GENERATED) {
        // generated by Terraform at apply time and kept in state; the compiler never sees a value
        b.block("resource", List.of("random_password", ComponentNames.tfName(s.id())), r -> r
            .attr("length", Math.max(16, s.generatedLength()))
            .attr("special", false));
      }
    }
    for (ManagedDb db : plan.databases()) {
      database(b, db);
    }
    b.block("resource", List.of("digitalocean_app", "app"), app -> app.block("spec", this::spec));
    return b.build();
  }

  private void database(HclBody.Builder b, ManagedDb db) {
    b.block("resource", List.of("digitalocean_database_cluster", db.tfName()), c -> c
        .attr("name", ComponentNames.of(d.scenario() + "-" + d.environment() + "-" + db.resourceName()))
        .attr("engine", db.clusterEngine())
        .attr("version", db.version())
        .attr("size", db.size())
        .attr("region", HclExpr.ref("var.region"))
        .attr("node_count", db.nodeCount())
        .attr("tags", HclExpr.ref("local.tags"))
        // a database is state: terraform refuses to destroy or replace it until this is removed by hand
        .block("lifecycle", l -> l.attr("prevent_destroy", true)));
    // only the app's components may connect (trusted sources), not the whole internet
    b.block("resource", List.of("digitalocean_database_firewall", db.tfName()), f -> f
        .attr("cluster_id", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"))
        .block("rule", r -> r.attr("type", "app").attr("value", HclExpr.ref("digitalocean_app.app.id"))));
    db.dbName().ifPresent(name -> b.block("resource", List.of("digitalocean_database_db", db.tfName()), r -> r
        .attr("cluster_id", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"))
        .attr("name", name)));
    db.userName().ifPresent(name -> b.block("resource", List.of("digitalocean_database_user", db.tfName()), r -> r
        .attr("cluster_id", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"))
        .attr("name", name)));
  }

  private void spec(HclBody.Builder s) {
    s.attr("name", plan.appName());
    s.attr("region", HclExpr.ref("local.app_region"));
    s.block("alert", a -> a.attr("rule", "DEPLOYMENT_FAILED"));
    plan.domain().ifPresent(domain -> {
      s.block("alert", a -> a.attr("rule", "DOMAIN_FAILED"));
      s.block("domain", dm -> dm.attr("name", HclExpr.ref("var.domain")).attr("type", "PRIMARY"));
    });
    for (Component c : plan.components()) {
      String type = switch (c.kind()) {
        case SERVICE -> "service";
        case WORKER -> "worker";
        case JOB -> "job";
      };
      s.block(type, body -> component(body, c));
    }
    for (ManagedDb db : plan.databases()) {
      s.block("database", x -> {
        x.attr("name", ComponentNames.of(db.resourceName()));
        x.attr("engine", db.appEngine());
        x.attr("production", true);
        x.attr("cluster_name", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".name"));
        db.dbName().ifPresent(n -> x.attr("db_name", HclExpr.ref("digitalocean_database_db." + db.tfName() + ".name")));
        db.userName().ifPresent(n -> x.attr("db_user", HclExpr.ref("digitalocean_database_user." + db.tfName() + ".name")));
      });
    }
    if (!plan.ingress().isEmpty()) {
      s.block("ingress", in -> {
        for (DoPlan.IngressRule rule : plan.ingress()) {
          in.block("rule", r -> r
              .block("component", c -> {
                c.attr("name", rule.component());
                if (rule.preservePathPrefix()) {
                  c.attr("preserve_path_prefix", true);
                }
              })
              .block("match", m -> m.block("path", p -> p.attr("prefix", rule.prefix()))));
        }
      });
    }
  }

  private void component(HclBody.Builder b, Component c) {
    b.attr("name", c.name());
    if (c.kind() == DoPlan.Kind.JOB) {
      b.attr("kind", "PRE_DEPLOY");
    }
    b.attr("instance_size_slug", c.sizeSlug());
    b.attr("instance_count", c.instanceCount());
    c.httpPort().ifPresent(p -> b.attr("http_port", p));
    if (!c.internalPorts().isEmpty()) {
      b.attr("internal_ports", new HclExpr.Tuple(c.internalPorts().stream().map(p -> HclExpr.num(p)).toList()));
    }
    if (c.source() instanceof DoPlan.GitSource git) {
      b.attr("source_dir", git.sourceDir());
      git.buildCommand().ifPresent(cmd -> b.attr("build_command", cmd));
    }
    c.runCommand().ifPresent(cmd -> b.attr("run_command", cmd));
    if (c.source() instanceof DoPlan.ImageSource image) {
      ImageReference ref = image.image();
      b.block("image", i -> {
        i.attr("registry_type", ref.registryType());
        ref.registry().ifPresent(r -> i.attr("registry", r));
        i.attr("repository", ref.repository());
        if (ref.digest().isPresent()) {
          i.attr("digest", ref.digest().get());
        } else {
          i.attr("tag", ref.tag().orElse("latest"));
        }
      });
    } else if (c.source() instanceof DoPlan.GitSource git) {
      b.block("git", g -> g.attr("repo_clone_url", git.cloneUrl()).attr("branch", git.branch()));
    }
    c.health().ifPresent(h -> b.block("health_check", hc -> {
      h.httpPath().ifPresent(path -> hc.attr("http_path", path));
      hc.attr("port", h.port());
      hc.attr("initial_delay_seconds", h.initialDelaySeconds());
      hc.attr("period_seconds", h.periodSeconds());
      hc.attr("timeout_seconds", h.timeoutSeconds());
      hc.attr("failure_threshold", h.failureThreshold());
    }));
    for (EnvVar e : c.env()) {
      b.block("env", env -> env
          .attr("key", e.key())
          .attr("value", e.value())
          .attr("scope", "RUN_TIME")
          .attr("type", e.secret() ? "SECRET" : "GENERAL"));
    }
  }

  private HclBody outputs() {
    HclBody.Builder b = HclBody.builder();
    b.block("output", List.of("app_id"), o -> o.attr("description", "App Platform app id").attr("value", HclExpr.ref("digitalocean_app.app.id")));
    b.block("output", List.of("live_url"), o -> o.attr("description", "Public URL of the app").attr("value", HclExpr.ref("digitalocean_app.app.live_url")));
    b.block("output", List.of("project_id"), o -> o.attr("description", "DigitalOcean project holding every resource").attr("value", HclExpr.ref("digitalocean_project.this.id")));
    for (ManagedDb db : plan.databases()) {
      b.block("output", List.of(db.tfName() + "_cluster_id"), o -> o
          .attr("description", "Managed " + db.resourceName() + " cluster id")
          .attr("value", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id")));
    }
    return b.build();
  }

  private static HclExpr obj(Object... kv) {
    Map<String, HclExpr> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (HclExpr) kv[i + 1]);
    }
    return new HclExpr.Obj(m);
  }
}
