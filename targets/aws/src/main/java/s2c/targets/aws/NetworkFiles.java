package s2c.targets.aws;

import static s2c.targets.aws.ModuleFiles.obj;

import java.util.ArrayList;
import java.util.List;
import s2c.hcl.HclBody;
import s2c.hcl.HclExpr;
import s2c.targets.aws.AwsPlan.Route;
import s2c.targets.aws.AwsPlan.Task;

/**
 * network.tf (the VPC: public subnets for the load balancer and NAT, private ones for the tasks and
 * data stores) and edge.tf (the load balancer, its certificate, listeners and routes).
 */
final class NetworkFiles {
  private final AwsPlan plan;

  NetworkFiles(AwsPlan plan) {
    this.plan = plan;
  }

  static HclExpr vpcId(AwsPlan plan) {
    return plan.network().existingVpcId().map(HclExpr::str).orElse(HclExpr.ref("aws_vpc.main.id"));
  }

  static HclExpr privateSubnets(AwsPlan plan) {
    return subnets(plan, "private", plan.network().existingPrivateSubnets());
  }

  static HclExpr publicSubnets(AwsPlan plan) {
    return subnets(plan, "public", plan.network().existingPublicSubnets());
  }

  private static HclExpr subnets(AwsPlan plan, String tier, List<String> existing) {
    if (!plan.network().created()) {
      return HclExpr.strings(existing);
    }
    List<String> refs = new ArrayList<>();
    for (int i = 1; i <= plan.network().azs(); i++) {
      refs.add("aws_subnet." + tier + "_" + i + ".id");
    }
    return ModuleFiles.refs(refs);
  }

  HclBody network() {
    HclBody.Builder b = HclBody.builder();
    if (!plan.network().created()) {
      return b.build();
    }
    AwsPlan.Network n = plan.network();
    b.block(
        "data", List.of("aws_availability_zones", "available"), z -> z.attr("state", "available"));
    b.block(
        "resource",
        List.of("aws_vpc", "main"),
        v -> {
          v.attr("cidr_block", n.cidr());
          // Cloud Map's private DNS names need both
          v.attr("enable_dns_support", true);
          v.attr("enable_dns_hostnames", true);
          v.attr("tags", obj("Name", plan.name()));
        });
    b.block(
        "resource",
        List.of("aws_internet_gateway", "main"),
        g -> g.attr("vpc_id", HclExpr.ref("aws_vpc.main.id")));
    for (int i = 1; i <= n.azs(); i++) {
      int zone = i - 1;
      for (String tier : List.of("public", "private")) {
        int netnum = tier.equals("public") ? zone : 100 + zone;
        b.block(
            "resource",
            List.of("aws_subnet", tier + "_" + i),
            s -> {
              s.attr("vpc_id", HclExpr.ref("aws_vpc.main.id"));
              s.attr(
                  "cidr_block",
                  HclExpr.call(
                      "cidrsubnet",
                      HclExpr.ref("aws_vpc.main.cidr_block"),
                      HclExpr.num(8),
                      HclExpr.num(netnum)));
              s.attr(
                  "availability_zone",
                  HclExpr.call(
                      "element",
                      HclExpr.ref("data.aws_availability_zones.available.names"),
                      HclExpr.num(zone)));
              s.attr("map_public_ip_on_launch", false);
              s.attr("tags", subnetTags(tier, zone + 1));
            });
      }
    }
    b.block(
        "resource",
        List.of("aws_route_table", "public"),
        r -> {
          r.attr("vpc_id", HclExpr.ref("aws_vpc.main.id"));
          r.attr("tags", obj("Name", plan.name() + "-public"));
        });
    b.block(
        "resource",
        List.of("aws_route", "public_internet"),
        r -> {
          r.attr("route_table_id", HclExpr.ref("aws_route_table.public.id"));
          r.attr("destination_cidr_block", "0.0.0.0/0");
          r.attr("gateway_id", HclExpr.ref("aws_internet_gateway.main.id"));
        });
    for (int i = 1; i <= n.natGateways(); i++) {
      int nat = i;
      b.block(
          "resource",
          List.of("aws_eip", "nat_" + nat),
          e -> {
            e.attr("domain", "vpc");
            e.attr("tags", obj("Name", plan.name() + "-nat-" + nat));
          });
      b.block(
          "resource",
          List.of("aws_nat_gateway", "nat_" + nat),
          g -> {
            g.attr("allocation_id", HclExpr.ref("aws_eip.nat_" + nat + ".id"));
            g.attr("subnet_id", HclExpr.ref("aws_subnet.public_" + nat + ".id"));
            g.attr("tags", obj("Name", plan.name() + "-nat-" + nat));
            g.attr("depends_on", ModuleFiles.refs(List.of("aws_internet_gateway.main")));
          });
    }
    for (int i = 1; i <= n.azs(); i++) {
      int zone = i;
      // one NAT per zone in prod (a zone outage leaves the others online), else the first one
      int nat = n.natGateways() >= zone ? zone : 1;
      b.block(
          "resource",
          List.of("aws_route_table_association", "public_" + zone),
          a -> {
            a.attr("subnet_id", HclExpr.ref("aws_subnet.public_" + zone + ".id"));
            a.attr("route_table_id", HclExpr.ref("aws_route_table.public.id"));
          });
      b.block(
          "resource",
          List.of("aws_route_table", "private_" + zone),
          r -> {
            r.attr("vpc_id", HclExpr.ref("aws_vpc.main.id"));
            r.attr("tags", obj("Name", plan.name() + "-private-" + zone));
          });
      b.block(
          "resource",
          List.of("aws_route", "private_" + zone + "_nat"),
          r -> {
            r.attr("route_table_id", HclExpr.ref("aws_route_table.private_" + zone + ".id"));
            r.attr("destination_cidr_block", "0.0.0.0/0");
            r.attr("nat_gateway_id", HclExpr.ref("aws_nat_gateway.nat_" + nat + ".id"));
          });
      b.block(
          "resource",
          List.of("aws_route_table_association", "private_" + zone),
          a -> {
            a.attr("subnet_id", HclExpr.ref("aws_subnet.private_" + zone + ".id"));
            a.attr("route_table_id", HclExpr.ref("aws_route_table.private_" + zone + ".id"));
          });
    }
    return b.build();
  }

  /**
   * EKS Auto Mode puts an internet-facing load balancer in the subnets tagged for it, an internal
   * one in the others; without the tags it finds none.
   */
  private HclExpr subnetTags(String tier, int zone) {
    String name = plan.name() + "-" + tier + "-" + zone;
    if (plan.eks().isEmpty()) {
      return obj("Name", name);
    }
    return obj(
        "Name",
        name,
        tier.equals("public") ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb",
        "1");
  }

  /**
   * The EKS flavour's certificate: its load balancer is EKS's (made for the chart's Ingress), so
   * there is no alias record here; deploy.sh writes it once the load balancer exists.
   */
  HclBody certificateOnly() {
    HclBody.Builder b = HclBody.builder();
    certificate(b, plan.edge(), false);
    return b.build();
  }

  HclBody edge() {
    AwsPlan.Edge edge = plan.edge();
    HclBody.Builder b = HclBody.builder();
    b.block(
        "resource",
        List.of("aws_security_group", "alb"),
        g -> {
          g.attr("name", plan.name() + "-alb");
          g.attr(
              "description", "the load balancer of " + plan.scenario() + " " + plan.environment());
          g.attr("vpc_id", vpcId(plan));
        });
    for (int port : edge.https() ? List.of(80, 443) : List.of(80)) {
      b.block(
          "resource",
          List.of("aws_vpc_security_group_ingress_rule", "alb_" + port),
          r -> {
            r.attr("security_group_id", HclExpr.ref("aws_security_group.alb.id"));
            r.attr("cidr_ipv4", "0.0.0.0/0");
            r.attr("ip_protocol", "tcp");
            r.attr("from_port", port);
            r.attr("to_port", port);
            r.attr("description", "public " + (port == 443 ? "HTTPS" : "HTTP"));
          });
    }
    for (Task t : routed()) {
      b.block(
          "resource",
          List.of("aws_vpc_security_group_egress_rule", "alb_to_" + t.tf()),
          r -> {
            r.attr("security_group_id", HclExpr.ref("aws_security_group.alb.id"));
            r.attr(
                "referenced_security_group_id",
                HclExpr.ref("aws_security_group." + t.tf() + ".id"));
            r.attr("ip_protocol", "tcp");
            r.attr("from_port", t.port().orElseThrow());
            r.attr("to_port", t.port().orElseThrow());
            r.attr("description", "to " + t.id());
          });
    }
    b.block(
        "resource",
        List.of("aws_lb", "main"),
        l -> {
          l.attr("name", AwsNames.dashed(plan.name(), 32));
          l.attr("load_balancer_type", "application");
          l.attr("internal", false);
          l.attr("security_groups", ModuleFiles.refs(List.of("aws_security_group.alb.id")));
          l.attr("subnets", publicSubnets(plan));
          l.attr("drop_invalid_header_fields", true);
          l.attr("enable_deletion_protection", plan.prod());
        });
    for (Task t : routed()) {
      AwsPlan.HttpCheck check = t.lbCheck().orElse(new AwsPlan.HttpCheck("/", 30, 5, 3));
      b.block(
          "resource",
          List.of("aws_lb_target_group", t.tf()),
          g -> {
            g.attr("name", AwsNames.dashed(plan.name() + "-" + t.id(), 32));
            g.attr("port", t.port().orElseThrow());
            g.attr("protocol", "HTTP");
            // Fargate tasks register by IP address
            g.attr("target_type", "ip");
            g.attr("vpc_id", vpcId(plan));
            g.attr("deregistration_delay", 30);
            g.block(
                "health_check",
                h -> {
                  h.attr("path", check.path());
                  h.attr("matcher", "200-399");
                  h.attr("interval", check.interval());
                  h.attr("timeout", check.timeout());
                  h.attr("healthy_threshold", 2);
                  h.attr("unhealthy_threshold", check.unhealthyThreshold());
                });
          });
    }
    if (edge.https()) {
      certificate(b, edge, true);
    }
    b.block(
        "resource",
        List.of("aws_lb_listener", "http"),
        l -> {
          l.attr("load_balancer_arn", HclExpr.ref("aws_lb.main.arn"));
          l.attr("port", 80);
          l.attr("protocol", "HTTP");
          if (edge.https()) {
            l.block(
                "default_action",
                a -> {
                  a.attr("type", "redirect");
                  a.block(
                      "redirect",
                      r -> {
                        r.attr("port", "443");
                        r.attr("protocol", "HTTPS");
                        r.attr("status_code", "HTTP_301");
                      });
                });
          } else {
            defaultAction(l, edge);
          }
        });
    String listener = edge.https() ? "https" : "http";
    if (edge.https()) {
      b.block(
          "resource",
          List.of("aws_lb_listener", "https"),
          l -> {
            l.attr("load_balancer_arn", HclExpr.ref("aws_lb.main.arn"));
            l.attr("port", 443);
            l.attr("protocol", "HTTPS");
            l.attr("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
            l.attr("certificate_arn", certificateArn(edge));
            defaultAction(l, edge);
          });
    }
    int priority = 10;
    for (Route route : edge.routes()) {
      int p = priority;
      priority += 10;
      b.block(
          "resource",
          List.of("aws_lb_listener_rule", route.task() + "_" + (p / 10)),
          r -> {
            r.attr("listener_arn", HclExpr.ref("aws_lb_listener." + listener + ".arn"));
            r.attr("priority", p);
            r.block(
                "action",
                a -> {
                  a.attr("type", "forward");
                  a.attr(
                      "target_group_arn",
                      HclExpr.ref("aws_lb_target_group." + route.task() + ".arn"));
                });
            r.block(
                "condition",
                c ->
                    c.block(
                        "path_pattern",
                        pp ->
                            pp.attr(
                                "values",
                                HclExpr.strings(List.of(route.path(), route.path() + "/*")))));
          });
    }
    return b.build();
  }

  private void defaultAction(HclBody.Builder l, AwsPlan.Edge edge) {
    l.block(
        "default_action",
        a -> {
          if (edge.defaultTask().isPresent()) {
            a.attr("type", "forward");
            a.attr(
                "target_group_arn",
                HclExpr.ref("aws_lb_target_group." + edge.defaultTask().get() + ".arn"));
          } else {
            a.attr("type", "fixed-response");
            a.block(
                "fixed_response",
                f -> {
                  f.attr("content_type", "text/plain");
                  f.attr("message_body", "not found");
                  f.attr("status_code", "404");
                });
          }
        });
  }

  static HclExpr certificateArn(AwsPlan.Edge edge) {
    if (edge.zoneId().isPresent()) {
      return HclExpr.ref("aws_acm_certificate_validation.main.certificate_arn");
    }
    return HclExpr.str(edge.certificateArn().orElse(""));
  }

  private void certificate(HclBody.Builder b, AwsPlan.Edge edge, boolean aliasToLoadBalancer) {
    if (edge.zoneId().isEmpty()) {
      return; // an issued certificate is given
    }
    String domain = edge.domain().orElseThrow();
    String zone = edge.zoneId().get();
    b.block(
        "resource",
        List.of("aws_acm_certificate", "main"),
        c -> {
          c.attr("domain_name", domain);
          c.attr("validation_method", "DNS");
          c.block("lifecycle", l -> l.attr("create_before_destroy", true));
        });
    // one domain, one validation record
    HclExpr option =
        HclExpr.call("one", HclExpr.ref("aws_acm_certificate.main.domain_validation_options"));
    b.block(
        "resource",
        List.of("aws_route53_record", "certificate_validation"),
        r -> {
          r.attr("zone_id", zone);
          r.attr("name", HclExpr.access(option, ".resource_record_name"));
          r.attr("type", HclExpr.access(option, ".resource_record_type"));
          r.attr(
              "records",
              new HclExpr.Tuple(List.of(HclExpr.access(option, ".resource_record_value"))));
          r.attr("ttl", 60);
          r.attr("allow_overwrite", true);
        });
    b.block(
        "resource",
        List.of("aws_acm_certificate_validation", "main"),
        v -> {
          v.attr("certificate_arn", HclExpr.ref("aws_acm_certificate.main.arn"));
          v.attr(
              "validation_record_fqdns",
              ModuleFiles.refs(List.of("aws_route53_record.certificate_validation.fqdn")));
        });
    if (!aliasToLoadBalancer) {
      return;
    }
    b.block(
        "resource",
        List.of("aws_route53_record", "domain"),
        r -> {
          r.attr("zone_id", zone);
          r.attr("name", domain);
          r.attr("type", "A");
          r.block(
              "alias",
              a -> {
                a.attr("name", HclExpr.ref("aws_lb.main.dns_name"));
                a.attr("zone_id", HclExpr.ref("aws_lb.main.zone_id"));
                a.attr("evaluate_target_health", true);
              });
        });
  }

  /** The tasks the load balancer forwards to. */
  List<Task> routed() {
    List<String> names = new ArrayList<>();
    plan.edge().defaultTask().ifPresent(names::add);
    plan.edge().routes().forEach(r -> names.add(r.task()));
    return plan.tasks().stream().filter(t -> names.contains(t.tf())).toList();
  }
}
