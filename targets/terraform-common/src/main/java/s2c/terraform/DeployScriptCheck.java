package s2c.terraform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;
import s2c.write.Executables;
import s2c.write.ToolRunner;

/**
 * Runs {@code shellcheck} on a Terraform render's deploy.sh (the script the infra repo's CI runs
 * with cloud credentials) when shellcheck is installed; says so when it is not.
 */
public final class DeployScriptCheck {
  public static final String PROGRAM = "shellcheck deploy.sh";

  private DeployScriptCheck() {}

  public static List<Diagnostic> check(RenderedTree tree, String displayRoot) {
    String script = tree.text("deploy.sh");
    if (script == null) {
      return List.of();
    }
    Optional<Path> shellcheck = Executables.onPath("shellcheck");
    if (shellcheck.isEmpty()) {
      return List.of(
          Diagnostic.info(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(displayRoot + "deploy.sh"),
              "shellcheck is not installed: this check was skipped",
              null));
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("s2c-deploy-sh");
      Files.writeString(dir.resolve("deploy.sh"), script);
      ToolRunner.Result run =
          ToolRunner.run(
              List.of(
                  shellcheck.get().toString(),
                  "-f",
                  "gcc",
                  "-S",
                  "warning",
                  "-s",
                  "bash",
                  "deploy.sh"),
              dir,
              Map.of(),
              Duration.ofSeconds(60));
      if (run.timedOut()) {
        return List.of(
            Diagnostic.warning(
                Codes.CHECK_SKIPPED,
                SourceLocation.file(displayRoot + "deploy.sh"),
                "shellcheck did not finish within 60 s and was stopped",
                null));
      }
      if (run.exitCode() == 0) {
        return List.of();
      }
      return List.of(
          Diagnostic.error(
              Codes.TOOL_CHECK,
              s2c.diag.ToolLocations.find(
                  run.output(),
                  displayRoot,
                  List.of("deploy.sh"),
                  SourceLocation.file(displayRoot + "deploy.sh")),
              "shellcheck failed: " + run.output().strip(),
              null));
    } catch (IOException e) {
      return List.of(
          Diagnostic.warning(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(displayRoot + "deploy.sh"),
              "could not run shellcheck: " + e.getMessage(),
              null));
    } finally {
      TerraformFmt.deleteQuietly(dir);
    }
  }
}
