package s2c.targets.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.chart.HelmCharts;
import s2c.diag.Diagnostic;
import s2c.hcl.HclWriter;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.CiJob;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.spi.ResourceSupport;
import s2c.spi.StateBackendKind;
import s2c.spi.Target;
import s2c.terraform.ProviderSchema;
import s2c.terraform.TerraformCi;
import s2c.terraform.TerraformFmt;
import s2c.terraform.TerraformValidator;
import s2c.write.TextTemplates;

/**
 * AWS: ECS on Fargate behind an Application Load Balancer, RDS and ElastiCache, secrets in Secrets
 * Manager that never pass through Terraform state, as a Terraform module plus deploy script,
 * Makefile and reviewer README.
 */
public final class AwsTarget implements Target {
  /** Parsed on first validation, not when the registry loads every target. */
  private static final class Schemas {
    static final TerraformValidator VALIDATOR =
        new TerraformValidator(
            List.of(
                ProviderSchema.load("aws-6.25.0.subset.json"),
                ProviderSchema.load("random-3.7.2.json")));
  }

  @Override
  public String id() {
    return "aws";
  }

  @Override
  public List<String> aliases() {
    return List.of("ecs");
  }

  @Override
  public String description() {
    return "AWS ECS on Fargate, ALB, RDS, ElastiCache and Secrets Manager, as Terraform (hashicorp/aws "
        + ModuleFiles.AWS_VERSION
        + "); flavour eks: the Kubernetes chart on an EKS Auto Mode cluster";
  }

  @Override
  public List<String> formats() {
    return List.of("terraform");
  }

  @Override
  public SortedMap<String, String> mappings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(
        "service api-binary/ui-bundle/worker",
        "ECS service on Fargate (task size from the bundle's size, circuit breaker with rollback), private subnets, own security group, private DNS name");
    m.put("expose", "ALB target group and listener rule; HTTPS with an ACM certificate for domain");
    m.put("migration", "one-off Fargate task deploy.sh runs before the services are updated");
    m.put(
        "resource postgres",
        "RDS PostgreSQL, Multi-AZ for prod, master password in Secrets Manager");
    m.put("resource redis/valkey", "ElastiCache Valkey with TLS");
    m.put("resource qdrant/n8n", "private Fargate service from the official image (warning)");
    m.put(
        "resource ollama",
        "not deployable (needs a GPU): left out when optional, error when required");
    m.put(
        "secret user_prompt/remote_fetch",
        "Secrets Manager secret written through a write-only argument from an ephemeral variable → container secrets[].valueFrom");
    m.put(
        "secret per_install_generated",
        "ephemeral random_password written once to a Secrets Manager secret → valueFrom");
    m.put("secret infrastructure", "never deployed");
    m.put(
        "flavour eks",
        "EKS Auto Mode cluster (Terraform) running the kubernetes target's chart: ALB Ingress with an ACM certificate, EBS gp3 volumes, a node pool sized from the chart's requests, External Secrets reading Secrets Manager through Pod Identity");
    m.put(
        "state",
        "S3 backend with S3-native locking, keyed <prefix>/<scenario>/<env>; required for prod");
    return m;
  }

  @Override
  public java.util.Set<String> statefulTypes() {
    return java.util.Set.of(
        "aws_db_instance",
        "aws_elasticache_replication_group",
        "aws_elasticache_cluster",
        "aws_s3_bucket",
        "aws_ebs_volume",
        "aws_secretsmanager_secret",
        "aws_eks_cluster",
        "PersistentVolumeClaim/",
        "StatefulSet/");
  }

  @Override
  public RenderResult render(Deployment d, RenderContext context) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    if (AwsSettings.of(d).eks()) {
      return renderEks(d, context, diagnostics);
    }
    AwsPlan plan = AwsPlanner.plan(d, diagnostics);
    RenderedTree.Builder tree = RenderedTree.builder();
    ModuleFiles module = new ModuleFiles(d, plan);
    NetworkFiles network = new NetworkFiles(plan);
    ComputeFiles compute = new ComputeFiles(plan, network);
    tree.text("terraform/versions.tf", HclWriter.write(module.versions()));
    tree.text("terraform/providers.tf", HclWriter.write(module.providers()));
    tree.text("terraform/variables.tf", HclWriter.write(module.variables()));
    if (plan.network().created()) {
      tree.text("terraform/network.tf", HclWriter.write(network.network()));
    }
    if (plan.edge().present()) {
      tree.text("terraform/edge.tf", HclWriter.write(network.edge()));
    }
    tree.text("terraform/ecs.tf", HclWriter.write(compute.ecs()));
    if (!plan.databases().isEmpty() || !plan.caches().isEmpty()) {
      tree.text("terraform/data.tf", HclWriter.write(compute.data()));
    }
    if (!plan.secrets().isEmpty()) {
      tree.text("terraform/secrets.tf", HclWriter.write(module.secrets()));
    }
    tree.text("terraform/outputs.tf", HclWriter.write(module.outputs()));
    Map<String, Object> scope = DeployScope.of(d, plan, context);
    s2c.cost.CostEstimate cost = AwsCosts.of(plan);
    scope.put("costTable", cost.markdown());
    tree.text("deploy.sh", TextTemplates.render(getClass(), "deploy.sh.mustache", scope));
    tree.text("Makefile", TextTemplates.render(getClass(), "Makefile.mustache", scope));
    tree.text("README.md", TextTemplates.render(getClass(), "README.md.mustache", scope));
    return new RenderResult(tree.build(), diagnostics, java.util.Optional.of(cost));
  }

  /**
   * The EKS flavour: the chart (the kubernetes target's, through the chart library) and the cluster
   * it runs on.
   */
  private RenderResult renderEks(
      Deployment d, RenderContext context, List<Diagnostic> diagnostics) {
    RenderedTree.Builder tree = RenderedTree.builder();
    HelmCharts.Chart chart =
        HelmCharts.render(d, EksPlatform.of(d, AwsSettings.of(d)), context, tree, diagnostics);
    AwsPlan plan = AwsPlanner.planEks(d, chart, diagnostics);
    ModuleFiles module = new ModuleFiles(d, plan);
    NetworkFiles network = new NetworkFiles(plan);
    tree.text("terraform/versions.tf", HclWriter.write(module.versions()));
    tree.text("terraform/providers.tf", HclWriter.write(module.providers()));
    tree.text("terraform/variables.tf", HclWriter.write(module.variables()));
    if (plan.network().created()) {
      tree.text("terraform/network.tf", HclWriter.write(network.network()));
    }
    tree.text("terraform/eks.tf", HclWriter.write(new EksFiles(plan).cluster()));
    if (chart.exposed() && plan.edge().https() && plan.edge().zoneId().isPresent()) {
      tree.text("terraform/certificate.tf", HclWriter.write(network.certificateOnly()));
    }
    if (!plan.secrets().isEmpty()) {
      tree.text("terraform/secrets.tf", HclWriter.write(module.secrets()));
    }
    tree.text("terraform/outputs.tf", HclWriter.write(module.outputs()));
    new ClusterObjects(plan).files().forEach(tree::text);
    Map<String, Object> scope = DeployScope.of(d, plan, context);
    s2c.cost.CostEstimate cost = AwsCosts.of(plan);
    scope.put("costTable", cost.markdown());
    tree.text("deploy.sh", TextTemplates.render(getClass(), "deploy.sh.mustache", scope));
    tree.text("Makefile", TextTemplates.render(getClass(), "Makefile.mustache", scope));
    tree.text("README.md", TextTemplates.render(getClass(), "README.md.mustache", scope));
    return new RenderResult(tree.build(), diagnostics, java.util.Optional.of(cost));
  }

  @Override
  public Map<String, java.util.Set<String>> replacementArguments() {
    Map<String, java.util.Set<String>> m = new LinkedHashMap<>();
    m.put("aws_db_instance", java.util.Set.of("identifier", "engine", "db_name", "username"));
    m.put(
        "aws_elasticache_replication_group",
        java.util.Set.of("replication_group_id", "engine", "transit_encryption_enabled"));
    m.put("aws_vpc", java.util.Set.of("cidr_block"));
    m.put("aws_subnet", java.util.Set.of("cidr_block", "availability_zone", "vpc_id"));
    m.put("aws_lb", java.util.Set.of("name", "internal", "load_balancer_type"));
    m.put(
        "aws_lb_target_group",
        java.util.Set.of("name", "port", "protocol", "target_type", "vpc_id"));
    m.put("aws_secretsmanager_secret", java.util.Set.of("name"));
    m.put("aws_ecs_cluster", java.util.Set.of("name"));
    m.put("aws_eks_cluster", java.util.Set.of("name", "bootstrap_self_managed_addons"));
    m.put("aws_ecs_service", java.util.Set.of("name", "cluster", "launch_type"));
    m.put("aws_security_group", java.util.Set.of("name", "description", "vpc_id"));
    return m;
  }

  @Override
  public Optional<CiJob> ciJob() {
    // AWS credentials (or the OIDC role the CI assumes), and the Vault address and token deploy.sh
    // reads remote_fetch secrets with
    // deploy.sh runs migrations with the AWS CLI; the EKS flavour's installs the chart with kubectl
    // and Helm (Alpine's community packages)
    return Optional.of(
        TerraformCi.job(List.of("AWS_*", "VAULT_*"), List.of("aws-cli", "kubectl", "helm")));
  }

  @Override
  public tools.jackson.databind.JsonNode settingsSchema() {
    return s2c.spi.ProviderSettings.schema("s2c/targets/aws/settings.schema.json");
  }

  @Override
  public List<StateBackendKind> stateBackends() {
    return List.of(
        new StateBackendKind(
            "s3",
            List.of("bucket", "region"),
            "an S3 bucket, locked with S3-native lock files (Terraform 1.10+)"));
  }

  @Override
  public SortedMap<String, ResourceSupport> resourceCatalogue() {
    return AwsPlanner.catalogue();
  }

  @Override
  public List<String> externalChecks() {
    return List.of("terraform fmt -check", s2c.terraform.DeployScriptCheck.PROGRAM);
  }

  @Override
  public List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks) {
    List<Diagnostic> out =
        new ArrayList<>(Schemas.VALIDATOR.validate(tree, "terraform/", displayRoot));
    out.addAll(SecretsCheck.check(tree, displayRoot));
    if (tree.text("terraform/eks.tf") != null) {
      // the EKS flavour: the chart, and the cluster objects deploy.sh applies before it
      out.addAll(HelmCharts.validate(tree, displayRoot, checks));
      out.addAll(EksSecretsCheck.check(tree, displayRoot));
      for (String path : tree.files().keySet()) {
        if (path.startsWith("cluster/") && path.endsWith(".yaml")) {
          out.addAll(HelmCharts.validateManifest(tree.text(path), displayRoot + path));
        }
      }
    }
    if (checks == Checks.FULL) {
      out.addAll(TerraformFmt.check(tree, displayRoot));
      out.addAll(s2c.terraform.DeployScriptCheck.check(tree, displayRoot));
    }
    return out;
  }
}
