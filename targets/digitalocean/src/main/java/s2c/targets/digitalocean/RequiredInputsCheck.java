package s2c.targets.digitalocean;

import java.util.ArrayList;
import java.util.List;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl;
import s2c.spi.RenderedTree;

/**
 * Every variable Terraform needs a value for (no default) is checked by deploy.sh before it runs
 * terraform and named in the reviewer README, so `terraform plan -input=false` never stops on a
 * variable nobody was told about (it did for an external endpoint's URL).
 */
final class RequiredInputsCheck {
  private RequiredInputsCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    String variables = tree.text("terraform/variables.tf");
    if (variables == null) {
      return out;
    }
    ParsedHcl.Body body;
    try {
      body = HclParser.parse(variables);
    } catch (HclSyntaxException e) {
      return out; // reported by the Terraform validator
    }
    String deploy = tree.text("deploy.sh") == null ? "" : tree.text("deploy.sh");
    String readme = tree.text("README.md") == null ? "" : tree.text("README.md");
    for (ParsedHcl.Block block : body.blocks()) {
      if (!block.type().equals("variable")
          || block.labels().isEmpty()
          || block.body().attributes().stream().anyMatch(a -> a.name().equals("default"))) {
        continue;
      }
      String name = block.labels().get(0);
      SourceLocation at =
          new SourceLocation(root + "terraform/variables.tf", block.line(), block.column(), "");
      if (!deploy.contains("${TF_VAR_" + name + ":-}")) {
        out.add(
            Diagnostic.error(
                Codes.REQUIRED_INPUT_UNDOCUMENTED,
                at,
                "required variable '"
                    + name
                    + "' is not checked by deploy.sh: terraform would stop and ask for it",
                null));
      }
      if (!readme.contains("TF_VAR_" + name)) {
        out.add(
            Diagnostic.error(
                Codes.REQUIRED_INPUT_UNDOCUMENTED,
                at,
                "required variable '"
                    + name
                    + "' is not listed in the README that reviewers and CI owners read",
                null));
      }
    }
    return out;
  }
}
