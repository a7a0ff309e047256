package s2c.targets.aws;

import static s2c.targets.aws.ModuleFiles.obj;

import java.util.List;
import s2c.hcl.HclExpr;

/** IAM policy documents as {@code jsonencode} of HCL objects: one statement each. */
final class IamPolicies {
  private IamPolicies() {}

  /**
   * Who may assume a role: an AWS service. EKS (cluster roles, Pod Identity) also tags the sessions
   * it opens, which needs {@code sts:TagSession}.
   */
  static HclExpr assumeBy(String service, boolean tagSession) {
    return document(
        obj(
            "Effect",
            "Allow",
            "Principal",
            obj("Service", service),
            "Action",
            tagSession
                ? HclExpr.strings(List.of("sts:AssumeRole", "sts:TagSession"))
                : HclExpr.str("sts:AssumeRole")));
  }

  /** {@code actions} allowed on exactly {@code resources}. */
  static HclExpr allow(List<String> actions, List<HclExpr> resources) {
    return document(
        obj(
            "Effect",
            "Allow",
            "Action",
            HclExpr.strings(actions),
            "Resource",
            new HclExpr.Tuple(resources)));
  }

  private static HclExpr document(HclExpr statement) {
    return HclExpr.call(
        "jsonencode",
        obj("Version", "2012-10-17", "Statement", new HclExpr.Tuple(List.of(statement))));
  }
}
