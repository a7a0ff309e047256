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
import s2c.write.ShellWords;

/** Prints a {@link DoPlan} as the four Terraform files of the module. */
final class TerraformFiles {
  static final String PROVIDER_VERSION = "2.71.0";
  static final String RANDOM_VERSION = "3.6.3";

  /** The env key that carries the digest of a synced component's env (see {@link #synced()}). */
  static final String DIGEST_ENV = "S2C_ENV_DIGEST";

  static final String SALT = "s2c_env_digest_salt";
  static final String GRANTS = "db_grants";

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
    return !synced().isEmpty()
        || plan.secrets().stream()
            .anyMatch(s -> s.secretClass() == SecretClass.PER_INSTALL_GENERATED);
  }

  /**
   * The components whose env holds a secret. App Platform stores a SECRET value encrypted and
   * returns it as {@code EV[...]} ciphertext, which provider 2.71 compares with the plaintext in
   * the configuration (terraform-provider-digitalocean #514, #1603): every plan would show a change
   * and every apply would redeploy every component and re-run its PRE_DEPLOY jobs. Env is a set, so
   * one secret cannot be ignored on its own: Terraform writes the whole env of these components
   * when it creates the app and ignores it afterwards, and deploy.sh writes it through the App
   * Platform API when its digest ({@value #DIGEST_ENV}) differs from the one the app carries.
   */
  List<Component> synced() {
    return plan.components().stream()
        .filter(c -> c.env().stream().anyMatch(EnvVar::secret))
        .toList();
  }

  private HclBody versions() {
    return HclBody.builder()
        .block(
            "terraform",
            t -> {
              // S3 state locking without DynamoDB (use_lockfile) needs Terraform 1.10;
              // skip_s3_checksum 1.6.3
              t.attr(
                  "required_version",
                  d.stateBackend().filter(StateBackend::isRemote).isPresent()
                      ? ">= 1.10.0"
                      : ">= 1.6.3");
              t.block(
                  "required_providers",
                  rp -> {
                    rp.attr(
                        "digitalocean",
                        obj(
                            "source",
                            HclExpr.str("digitalocean/digitalocean"),
                            "version",
                            HclExpr.str(PROVIDER_VERSION)));
                    if (needsRandom()) {
                      rp.attr(
                          "random",
                          obj(
                              "source",
                              HclExpr.str("hashicorp/random"),
                              "version",
                              HclExpr.str(RANDOM_VERSION)));
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
                                // DigitalOcean Spaces speaks the S3 API; the AWS-specific checks
                                // must be off
                                b.attr("bucket", sb.bucket().orElseThrow());
                                b.attr("key", sb.key());
                                b.attr("region", "us-east-1");
                                b.attr(
                                    "endpoints",
                                    obj(
                                        "s3",
                                        HclExpr.str(
                                            "https://"
                                                + sb.region().orElseThrow()
                                                + ".digitaloceanspaces.com")));
                                b.attr("skip_credentials_validation", true);
                                b.attr("skip_metadata_api_check", true);
                                b.attr("skip_region_validation", true);
                                b.attr("skip_requesting_account_id", true);
                                b.attr("skip_s3_checksum", true);
                                // a lock object beside the state: two applies never write it at
                                // once
                                b.attr("use_lockfile", true);
                              }));
            })
        .block("provider", List.of("digitalocean"), p -> {})
        .build();
  }

  private HclBody variables() {
    HclBody.Builder b = HclBody.builder();
    b.block(
        "variable",
        List.of("region"),
        v ->
            v.attr(
                    "description",
                    "DigitalOcean datacenter for the databases; the app runs in the matching App Platform region")
                .attr("type", HclExpr.ref("string"))
                .attr("default", plan.defaultRegion()));
    plan.domain()
        .ifPresent(
            domain ->
                b.block(
                    "variable",
                    List.of("domain"),
                    v ->
                        v.attr(
                                "description",
                                "Public domain of the app (its DNS must point at App Platform)")
                            .attr("type", HclExpr.ref("string"))
                            .attr("default", domain)));
    for (DoPlan.RequiredInput input : plan.requiredInputs()) {
      b.block(
          "variable",
          List.of(input.variable()),
          v ->
              v.attr("description", input.description())
                  .attr("type", HclExpr.ref("string"))
                  .attr("sensitive", true)
                  .attr("nullable", false));
    }
    return b.build();
  }

  private HclBody main() {
    HclBody.Builder b = HclBody.builder();
    b.block(
        "locals",
        l -> {
          l.attr(
              "app_region",
              HclExpr.call("substr", HclExpr.ref("var.region"), HclExpr.num(0), HclExpr.num(3)));
          l.attr("tags", HclExpr.strings(plan.tags()));
          if (!synced().isEmpty()) {
            // the env deploy.sh keeps current (see the lifecycle of digitalocean_app.app), and its
            // salted digest
            Map<String, HclExpr> env = new LinkedHashMap<>();
            Map<String, HclExpr> digests = new LinkedHashMap<>();
            for (Component c : synced()) {
              env.put(
                  c.name(),
                  new HclExpr.Tuple(
                      c.env().stream()
                          .map(
                              e ->
                                  obj(
                                      "key",
                                      HclExpr.str(e.key()),
                                      "value",
                                      e.value(),
                                      "type",
                                      HclExpr.str(e.secret() ? "SECRET" : "GENERAL")))
                          .toList()));
              digests.put(
                  c.name(),
                  HclExpr.call(
                      "sha256",
                      HclExpr.call(
                          "join",
                          HclExpr.str(""),
                          new HclExpr.Tuple(
                              List.of(
                                  HclExpr.ref("random_password." + SALT + ".result"),
                                  HclExpr.call(
                                      "jsonencode",
                                      HclExpr.ref("local.synced_env." + c.name())))))));
            }
            l.attr("synced_env", new HclExpr.Obj(env));
            l.attr("synced_env_digest", new HclExpr.Obj(digests));
          }
        });
    List<HclExpr> projectResources = new ArrayList<>();
    projectResources.add(HclExpr.ref("digitalocean_app.app.urn"));
    if (!granted().isEmpty()) {
      projectResources.add(HclExpr.ref("digitalocean_app." + GRANTS + ".urn"));
    }
    for (ManagedDb db : plan.databases()) {
      projectResources.add(HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".urn"));
    }
    b.block(
        "resource",
        List.of("digitalocean_project", "this"),
        p ->
            p.attr("name", plan.projectName())
                .attr(
                    "description",
                    d.scenario()
                        + " ("
                        + d.environment()
                        + "), managed by scenario-to-cloud; tags: "
                        + String.join(", ", plan.tags()))
                .attr("purpose", "Web Application")
                .attr("environment", plan.projectEnvironment())
                .attr("resources", new HclExpr.Tuple(projectResources)));
    for (SecretRef s : plan.secrets()) {
      if (s.secretClass() == SecretClass.PER_INSTALL_GENERATED) {
        // generated by Terraform at apply time and kept in state; the compiler never sees a value
        b.block(
            "resource",
            List.of("random_password", ComponentNames.tfName(s.id())),
            r -> r.attr("length", Math.max(16, s.generatedLength())).attr("special", false));
      }
    }
    if (!synced().isEmpty()) {
      // salts the env digests, so a digest says nothing about a short secret
      b.block(
          "resource",
          List.of("random_password", SALT),
          r -> r.attr("length", 32).attr("special", false));
    }
    for (ManagedDb db : plan.databases()) {
      database(b, db);
    }
    if (!granted().isEmpty()) {
      b.block("resource", List.of("digitalocean_app", GRANTS), this::grantsApp);
    }
    b.block(
        "resource",
        List.of("digitalocean_app", "app"),
        app -> {
          app.block("spec", this::spec);
          if (!granted().isEmpty()) {
            // the app's user can create tables only once the grants ran: Terraform waits for that
            // app's deployment
            app.attr(
                "depends_on",
                new HclExpr.Tuple(List.of(HclExpr.ref("digitalocean_app." + GRANTS))));
          }
          List<HclExpr> ignored = ignoredEnv();
          if (!ignored.isEmpty()) {
            app.block("lifecycle", l -> l.attr("ignore_changes", new HclExpr.Tuple(ignored)));
          }
        });
    return b.build();
  }

  private void database(HclBody.Builder b, ManagedDb db) {
    b.block(
        "resource",
        List.of("digitalocean_database_cluster", db.tfName()),
        c ->
            c.attr("name", ComponentNames.of(d.instance() + "-" + db.resourceName()))
                .attr("engine", db.clusterEngine())
                .attr("version", db.version())
                .attr("size", db.size())
                .attr("region", HclExpr.ref("var.region"))
                .attr("node_count", db.nodeCount())
                .attr("tags", HclExpr.ref("local.tags"))
                // a database is state: terraform refuses to destroy or replace it until this is
                // removed by hand
                .block("lifecycle", l -> l.attr("prevent_destroy", true)));
    // only the app's components may connect (trusted sources), not the whole internet
    b.block(
        "resource",
        List.of("digitalocean_database_firewall", db.tfName()),
        f -> {
          f.attr("cluster_id", HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"));
          f.block(
              "rule",
              r -> r.attr("type", "app").attr("value", HclExpr.ref("digitalocean_app.app.id")));
          if (granted().contains(db)) {
            f.block(
                "rule",
                r ->
                    r.attr("type", "app")
                        .attr("value", HclExpr.ref("digitalocean_app." + GRANTS + ".id")));
          }
        });
    db.dbName()
        .ifPresent(
            name ->
                b.block(
                    "resource",
                    List.of("digitalocean_database_db", db.tfName()),
                    r ->
                        r.attr(
                                "cluster_id",
                                HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"))
                            .attr("name", name)));
    db.userName()
        .ifPresent(
            name ->
                b.block(
                    "resource",
                    List.of("digitalocean_database_user", db.tfName()),
                    r ->
                        r.attr(
                                "cluster_id",
                                HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id"))
                            .attr("name", name)));
  }

  /**
   * The PostgreSQL databases whose app user needs grants. A user made through the DigitalOcean API
   * owns nothing, and since PostgreSQL 15 only the database owner (through {@code
   * pg_database_owner}) may create in schema {@code public}: the first migration would fail with
   * "permission denied for schema public". DigitalOcean has no API for grants, so a job run with
   * the cluster's admin user grants them.
   */
  List<ManagedDb> granted() {
    return plan.databases().stream()
        .filter(
            db ->
                db.clusterEngine().equals("pg")
                    && db.dbName().isPresent()
                    && db.userName().isPresent())
        .toList();
  }

  /**
   * A job-only app that grants, as the cluster's admin user (an attached database without {@code
   * db_user} binds {@code doadmin}), what the app's user needs. It is its own app so that the
   * grants finish before the app's own PRE_DEPLOY jobs (the migrations) start: App Platform does
   * not order the jobs of one app, Terraform orders the two apps. Its env holds only bindings, so
   * it converges and runs again only when a grant changes; the statements are idempotent.
   */
  private void grantsApp(HclBody.Builder app) {
    app.block(
        "spec",
        s -> {
          s.attr("name", ComponentNames.of(plan.appName() + "-db-grants"));
          s.attr("region", HclExpr.ref("local.app_region"));
          s.block("alert", a -> alert(a, "DEPLOYMENT_FAILED"));
          for (ManagedDb db : granted()) {
            String component = ComponentNames.of(db.resourceName());
            String user = SqlIdentifiers.quote(db.userName().orElseThrow());
            s.block(
                "job",
                j -> {
                  j.attr("name", ComponentNames.of(db.resourceName() + "-grants"));
                  j.attr("kind", "PRE_DEPLOY");
                  j.attr("instance_size_slug", "apps-s-1vcpu-0.5gb");
                  j.attr("instance_count", 1);
                  j.attr(
                      "run_command",
                      ShellWords.join(
                          List.of(
                              "psql",
                              "--no-psqlrc",
                              "-v",
                              "ON_ERROR_STOP=1",
                              "-c",
                              "GRANT ALL ON DATABASE "
                                  + SqlIdentifiers.quote(db.dbName().orElseThrow())
                                  + " TO "
                                  + user,
                              "-c",
                              "GRANT ALL ON SCHEMA public TO " + user)));
                  j.block(
                      "image",
                      i ->
                          i.attr("registry_type", "DOCKER_HUB")
                              .attr("registry", "library")
                              .attr("repository", "postgres")
                              .attr("tag", db.version() + "-alpine"));
                  // libpq reads these; each is an App Platform binding, resolved when the job
                  // starts
                  for (String[] kv :
                      new String[][] {
                        {"PGDATABASE", "DATABASE"},
                        {"PGHOST", "HOSTNAME"},
                        {"PGPASSWORD", "PASSWORD"},
                        {"PGPORT", "PORT"},
                        {"PGUSER", "USERNAME"}
                      }) {
                    j.block(
                        "env",
                        e ->
                            e.attr("key", kv[0])
                                .attr("value", "${" + component + "." + kv[1] + "}")
                                .attr("scope", "RUN_TIME")
                                .attr("type", "GENERAL"));
                  }
                  j.block(
                      "env",
                      e ->
                          e.attr("key", "PGSSLMODE")
                              .attr("value", "require")
                              .attr("scope", "RUN_TIME")
                              .attr("type", "GENERAL"));
                });
          }
          for (ManagedDb db : granted()) {
            s.block(
                "database",
                x ->
                    x.attr("name", ComponentNames.of(db.resourceName()))
                        .attr("engine", db.appEngine())
                        .attr("production", true)
                        .attr(
                            "cluster_name",
                            HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".name"))
                        .attr(
                            "db_name",
                            HclExpr.ref("digitalocean_database_db." + db.tfName() + ".name")));
          }
        });
  }

  /**
   * {@code spec[0].<kind>[<index>].env} of each synced component, in the order the spec lists them.
   */
  private List<HclExpr> ignoredEnv() {
    List<HclExpr> out = new ArrayList<>();
    Map<DoPlan.Kind, Integer> index = new java.util.EnumMap<>(DoPlan.Kind.class);
    List<Component> synced = synced();
    for (Component c : plan.components()) {
      int i = index.merge(c.kind(), 1, Integer::sum) - 1;
      if (synced.contains(c)) {
        out.add(HclExpr.ref("spec[0]." + kindBlock(c.kind()) + "[" + i + "].env"));
      }
    }
    return out;
  }

  private static String kindBlock(DoPlan.Kind kind) {
    return switch (kind) {
      case SERVICE -> "service";
      case WORKER -> "worker";
      case JOB -> "job";
    };
  }

  private void alert(HclBody.Builder a, String rule) {
    a.attr("rule", rule);
    plan.alertsEmail()
        .ifPresent(
            email ->
                a.block(
                    "destinations", dst -> dst.attr("emails", HclExpr.strings(List.of(email)))));
  }

  private void spec(HclBody.Builder s) {
    s.attr("name", plan.appName());
    s.attr("region", HclExpr.ref("local.app_region"));
    s.block("alert", a -> alert(a, "DEPLOYMENT_FAILED"));
    plan.domain()
        .ifPresent(
            domain -> {
              s.block("alert", a -> alert(a, "DOMAIN_FAILED"));
              s.block(
                  "domain",
                  dm -> dm.attr("name", HclExpr.ref("var.domain")).attr("type", "PRIMARY"));
            });
    for (Component c : plan.components()) {
      s.block(kindBlock(c.kind()), body -> component(body, c));
    }
    for (ManagedDb db : plan.databases()) {
      s.block(
          "database",
          x -> {
            x.attr("name", ComponentNames.of(db.resourceName()));
            x.attr("engine", db.appEngine());
            x.attr("production", true);
            x.attr(
                "cluster_name",
                HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".name"));
            db.dbName()
                .ifPresent(
                    n ->
                        x.attr(
                            "db_name",
                            HclExpr.ref("digitalocean_database_db." + db.tfName() + ".name")));
            db.userName()
                .ifPresent(
                    n ->
                        x.attr(
                            "db_user",
                            HclExpr.ref("digitalocean_database_user." + db.tfName() + ".name")));
          });
    }
    if (!plan.ingress().isEmpty()) {
      s.block(
          "ingress",
          in -> {
            for (DoPlan.IngressRule rule : plan.ingress()) {
              in.block(
                  "rule",
                  r ->
                      r.block(
                              "component",
                              c -> {
                                c.attr("name", rule.component());
                                if (rule.preservePathPrefix()) {
                                  c.attr("preserve_path_prefix", true);
                                }
                              })
                          .block(
                              "match", m -> m.block("path", p -> p.attr("prefix", rule.prefix()))));
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
      b.attr(
          "internal_ports",
          new HclExpr.Tuple(c.internalPorts().stream().map(p -> HclExpr.num(p)).toList()));
    }
    if (c.source() instanceof DoPlan.GitSource git) {
      b.attr("source_dir", git.sourceDir());
      git.buildCommand().ifPresent(cmd -> b.attr("build_command", cmd));
    }
    c.runCommand().ifPresent(cmd -> b.attr("run_command", cmd));
    if (c.source() instanceof DoPlan.ImageSource image) {
      ImageReference ref = image.image();
      b.block(
          "image",
          i -> {
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
    c.health()
        .ifPresent(
            h ->
                b.block(
                    "health_check",
                    hc -> {
                      h.httpPath().ifPresent(path -> hc.attr("http_path", path));
                      hc.attr("port", h.port());
                      hc.attr("initial_delay_seconds", h.initialDelaySeconds());
                      hc.attr("period_seconds", h.periodSeconds());
                      hc.attr("timeout_seconds", h.timeoutSeconds());
                      hc.attr("failure_threshold", h.failureThreshold());
                    }));
    for (EnvVar e : c.env()) {
      b.block(
          "env",
          env ->
              env.attr("key", e.key())
                  .attr("value", e.value())
                  .attr("scope", "RUN_TIME")
                  .attr("type", e.secret() ? "SECRET" : "GENERAL"));
    }
    if (synced().contains(c)) {
      b.block(
          "env",
          env ->
              env.attr("key", DIGEST_ENV)
                  .attr("value", HclExpr.ref("local.synced_env_digest." + c.name()))
                  .attr("scope", "RUN_TIME")
                  .attr("type", "GENERAL"));
    }
  }

  private HclBody outputs() {
    HclBody.Builder b = HclBody.builder();
    b.block(
        "output",
        List.of("app_id"),
        o ->
            o.attr("description", "App Platform app id")
                .attr("value", HclExpr.ref("digitalocean_app.app.id")));
    b.block(
        "output",
        List.of("live_url"),
        o ->
            o.attr("description", "Public URL of the app")
                .attr("value", HclExpr.ref("digitalocean_app.app.live_url")));
    b.block(
        "output",
        List.of("project_id"),
        o ->
            o.attr("description", "DigitalOcean project holding every resource")
                .attr("value", HclExpr.ref("digitalocean_project.this.id")));
    if (!synced().isEmpty()) {
      b.block(
          "output",
          List.of("synced_env"),
          o ->
              o.attr(
                      "description",
                      "Env of the components that hold secrets, by component: deploy.sh writes it through the App Platform API")
                  .attr("value", HclExpr.ref("local.synced_env"))
                  .attr("sensitive", true));
      b.block(
          "output",
          List.of("synced_env_digest"),
          o ->
              o.attr(
                      "description",
                      "Salted digest of each synced component's env, as the app carries it in "
                          + DIGEST_ENV)
                  .attr("value", HclExpr.ref("local.synced_env_digest"))
                  .attr("sensitive", true));
    }
    for (ManagedDb db : plan.databases()) {
      b.block(
          "output",
          List.of(db.tfName() + "_cluster_id"),
          o ->
              o.attr("description", "Managed " + db.resourceName() + " cluster id")
                  .attr(
                      "value",
                      HclExpr.ref("digitalocean_database_cluster." + db.tfName() + ".id")));
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
