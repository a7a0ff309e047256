package s2c.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.DeploymentRecord;
import s2c.gitops.History;
import s2c.gitops.PublishException;
import s2c.write.JsonOutput;

/** {@code history}: the deployments of a scenario, read back from commit trailers, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List deployments recorded in the infra repository.")
final class HistoryCommand implements Callable<Integer> {
  @CommandLine.Mixin RepoOptions repo;

  @Option(names = "--scenario", required = true, paramLabel = "NAME")
  String scenario;

  @Option(names = "--env", paramLabel = "NAME")
  String env;

  @Option(names = "--provider", paramLabel = "ID")
  String provider;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<DeploymentRecord> records =
          History.read(
              repo.url(),
              repo.branch(),
              scenario,
              Optional.ofNullable(env),
              Optional.ofNullable(provider),
              repo.access());
      if (output.json()) {
        out.print(JsonOutput.write(Map.of("deployments", records)));
      } else if (records.isEmpty()) {
        out.println("no deployments of " + scenario + (env == null ? "" : " (" + env + ")"));
      } else {
        for (DeploymentRecord r : records) {
          out.printf(
              "%s  %s  %-8s %-13s %s%s%n",
              r.commit().substring(0, 12),
              Instant.ofEpochSecond(r.epochSeconds()),
              r.environment(),
              r.provider(),
              r.subject(),
              r.rollbackTo().map(t -> "  [rollback to " + t.substring(0, 12) + "]").orElse(""));
        }
      }
      out.flush();
      return Main.OK;
    } catch (PublishException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.PUBLISH_FAILED;
    }
  }
}
