package s2c.targets.aws;

import java.math.BigDecimal;
import java.math.MathContext;
import s2c.cost.CostEstimate;
import s2c.cost.CostSheet;
import s2c.cost.PriceBook;

/**
 * The monthly price of an AWS plan at us-east-1 list prices, running all month (730 hours): Fargate
 * vCPU and memory of every task × its count, the ALB with one LCU, NAT gateways, RDS instances
 * (Multi-AZ where the plan has it) with their 20 GB of gp3, ElastiCache nodes, Secrets Manager
 * secrets, public IPv4 addresses, the EKS control plane; log ingestion as a stated assumption.
 */
final class AwsCosts {
  /** The log volume assumed per task a month, stated in the estimate. */
  private static final BigDecimal LOG_GB_PER_TASK = BigDecimal.ONE;

  private AwsCosts() {}

  static CostEstimate of(AwsPlan plan) {
    CostSheet sheet = new CostSheet(PriceBook.load("aws-us-east-1"));
    int tasks = 0;
    for (AwsPlan.Task t : plan.tasks()) {
      BigDecimal count = BigDecimal.valueOf(t.desiredCount());
      tasks += t.desiredCount();
      BigDecimal vcpu = BigDecimal.valueOf(t.size().cpu()).divide(BigDecimal.valueOf(1024));
      BigDecimal gb =
          BigDecimal.valueOf(t.size().memory())
              .divide(BigDecimal.valueOf(1024), MathContext.DECIMAL64);
      sheet.perHour(
          t.id(),
          "Fargate vCPU (Linux/x86)",
          "fargate.linux_x86.vcpu_hour",
          vcpu.multiply(count),
          t.desiredCount() + " task(s) of " + vcpu.stripTrailingZeros().toPlainString() + " vCPU");
      sheet.perHour(
          t.id(),
          "Fargate memory (Linux/x86)",
          "fargate.linux_x86.gb_hour",
          gb.multiply(count),
          t.desiredCount() + " task(s) of " + gb.stripTrailingZeros().toPlainString() + " GB");
    }
    if (plan.eks().isPresent()) {
      sheet.perHour(
          plan.name(),
          "EKS control plane (standard support)",
          "eks.cluster_hour.standard_support",
          BigDecimal.ONE,
          "");
      sheet.unpriced(
          plan.name(),
          "EKS Auto Mode nodes (up to "
              + plan.eks().get().cpuLimit()
              + " vCPU / "
              + plan.eks().get().memoryLimitGi()
              + " GiB)",
          "ec2.auto_mode",
          BigDecimal.ONE,
          "the price book has no EC2 or Auto Mode management prices");
    }
    boolean exposed = plan.eks().map(AwsPlan.Eks::exposed).orElse(!plan.edge().routes().isEmpty());
    if (exposed) {
      sheet.perHour(plan.name(), "Application Load Balancer", "alb.hour", BigDecimal.ONE, "");
      sheet.usage(
          plan.name(),
          "ALB capacity units",
          "alb.lcu_hour",
          CostSheet.HOURS_PER_MONTH,
          "one LCU all month (light traffic)");
    }
    int nats = plan.network().existingVpcId().isPresent() ? 0 : plan.network().natGateways();
    if (nats > 0) {
      sheet.perHour(
          plan.name(),
          "NAT gateway",
          "nat_gateway.hour",
          BigDecimal.valueOf(nats),
          nats + " AZ(s)");
      sheet.perHour(
          plan.name(),
          "public IPv4 address (NAT)",
          "public_ipv4.hour",
          BigDecimal.valueOf(nats),
          "");
    }
    for (AwsPlan.Database db : plan.databases()) {
      String az = db.multiAz() ? "multi_az" : "single_az";
      sheet.perHour(
          db.resource(),
          "RDS PostgreSQL " + db.instanceClass() + (db.multiAz() ? " Multi-AZ" : ""),
          "rds.postgres." + db.instanceClass() + "." + az,
          BigDecimal.ONE,
          "");
      sheet.perMonth(
          db.resource(),
          "RDS gp3 storage",
          "rds.gp3." + az,
          BigDecimal.valueOf(20),
          "20 GB allocated (grows to 100 GB on demand)");
    }
    for (AwsPlan.Cache c : plan.caches()) {
      int nodes = c.ha() ? 2 : 1;
      sheet.perHour(
          c.resource(),
          "ElastiCache node " + c.nodeType(),
          "elasticache.redis_oss." + c.nodeType(),
          BigDecimal.valueOf(nodes),
          nodes > 1 ? "primary + replica" : "one node");
    }
    if (!plan.secrets().isEmpty()) {
      sheet.perMonth(
          plan.name(),
          "Secrets Manager secrets",
          "secrets_manager.secret_month",
          BigDecimal.valueOf(plan.secrets().size()),
          "");
    }
    if (tasks > 0) {
      sheet.usage(
          plan.name(),
          "CloudWatch Logs ingestion",
          "cloudwatch_logs.ingest_gb",
          LOG_GB_PER_TASK.multiply(BigDecimal.valueOf(tasks)),
          LOG_GB_PER_TASK + " GB of logs per task a month (assumed)");
    }
    return sheet
        .assume("us-east-1 list prices; everything runs all month (730 hours)")
        .assume("traffic out to the internet is not counted ($0.09/GB in the price book)")
        .estimate();
  }
}
