package s2c.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.PublishException;
import s2c.gitops.Redaction;
import s2c.gitops.Rollback;
import s2c.write.JsonOutput;

/**
 * {@code rollback}: a new commit restoring an earlier deployment's directory (history is never
 * rewritten).
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Restore the previous (or a given) deployment as a new commit and push it; the infra CI re-applies.")
final class RollbackCommand implements Callable<Integer> {
  @CommandLine.Mixin RepoOptions repo;

  @Option(names = "--scenario", required = true, paramLabel = "NAME")
  String scenario;

  @Option(names = "--env", required = true, paramLabel = "NAME")
  String env;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      description = "Which provider's deployment (default: any).")
  String provider;

  @Option(
      names = "--to",
      paramLabel = "COMMIT",
      description = "Deployment commit to restore (default: the one before the latest).")
  String to;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      String url = repo.url();
      Rollback.Outcome outcome =
          Rollback.run(
              url,
              repo.branch(),
              repo.template(),
              scenario,
              env,
              Optional.ofNullable(provider),
              Optional.ofNullable(to),
              repo.access(),
              repo.maxAttempts);
      if (output.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", outcome.commitId());
        m.put("unchanged", outcome.unchanged());
        m.put("restored", outcome.restored());
        m.put("summary", outcome.summary().oneLine());
        out.print(JsonOutput.write(m));
      } else if (outcome.unchanged()) {
        out.println("unchanged: the directory already matches " + outcome.restored().commit());
      } else {
        out.println(
            "rolled back "
                + scenario
                + " ("
                + env
                + ") to "
                + outcome.restored().commit()
                + " with commit "
                + outcome.commitId()
                + " on "
                + Redaction.redact(url)
                + " "
                + repo.branch());
        out.println("  " + outcome.summary().oneLine());
      }
      out.flush();
      return Main.OK;
    } catch (PublishException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.PUBLISH_FAILED;
    }
  }
}
