package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;

/**
 * Every required Terraform variable is checked by deploy.sh and named in the README: the external
 * qdrant endpoint's URL was declared in variables.tf but checked nowhere (issue 8, item 9).
 */
class RequiredInputsTest {
  @TempDir Path tmp;

  @Test
  void everyRequiredVariableIsCheckedAndDocumented() throws Exception {
    CliRun run =
        CliRun.of(
            "compile",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--values",
            TestPaths.fixture("picker-wheel/values.prod.yaml").toString(),
            "--secrets-plan",
            TestPaths.fixture("picker-wheel/secrets-plan.json").toString(),
            "--provider",
            "do",
            "--out",
            tmp.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Path dir = tmp.resolve("picker-wheel/cloud/digitalocean");
    String variables = Files.readString(dir.resolve("terraform/variables.tf"));
    String deploy = Files.readString(dir.resolve("deploy.sh"));
    String readme = Files.readString(dir.resolve("README.md"));
    assertThat(variables)
        .contains("variable \"qdrant_url\"", "variable \"openrouter_openrouter_api_key\"");
    for (String name : new String[] {"qdrant_url", "openrouter_openrouter_api_key"}) {
      assertThat(deploy).contains("${TF_VAR_" + name + ":-}");
      assertThat(readme).contains("TF_VAR_" + name);
    }

    // the rule that keeps it so: a deploy.sh that forgets a variable fails validation
    Files.writeString(
        dir.resolve("deploy.sh"), deploy.replace("${TF_VAR_qdrant_url:-}", "${TF_VAR_other:-}"));
    CliRun validate = CliRun.of("validate", dir.toString());
    assertThat(validate.exit()).isEqualTo(1);
    assertThat(validate.err())
        .contains(
            "terraform/variables.tf:",
            "error[S2C087]: required variable 'qdrant_url' is not checked by deploy.sh");
  }
}
