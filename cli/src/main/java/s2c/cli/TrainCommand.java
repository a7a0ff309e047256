package s2c.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.write.TreeWriter;

/**
 * {@code train} (hidden): the training run the launcher records a class-data-sharing archive from.
 * Runs, in one process, what users run cold: a compile of the bundled fixtures for every provider
 * and a changed and a no-op publish to a throwaway local repository, so the archive holds the
 * classes of each path.
 */
@Command(
    name = "train",
    hidden = true,
    description = "Run the commands a class-data-sharing archive is recorded from.")
final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--root",
      required = true,
      description = "The project checkout (holds fixtures/).")
  Path root;

  @Override
  public Integer call() throws Exception {
    Path tmp = Files.createTempDirectory("s2c-train");
    try {
      Path remote = tmp.resolve("infra.git");
      Git.init()
          .setBare(true)
          .setDirectory(remote.toFile())
          .setInitialBranch("main")
          .call()
          .close();
      String scenario = root.resolve("fixtures/picker-wheel").toString();
      List<String[]> runs = new ArrayList<>();
      // every registered target, with the fixture's values for it (values.<id>.yaml, else prod)
      for (String provider :
          s2c.spi.TargetRegistry.load().all().stream().map(s2c.spi.Target::id).toList()) {
        Path values = root.resolve("fixtures/picker-wheel/values." + provider + ".yaml");
        runs.add(
            new String[] {
              "compile",
              "--scenario-dir",
              scenario,
              "--provider",
              provider,
              "--checks",
              "fast",
              "--values",
              (Files.isRegularFile(values)
                      ? values
                      : root.resolve("fixtures/picker-wheel/values.prod.yaml"))
                  .toString(),
              "--out",
              tmp.resolve("out").toString()
            });
      }
      // the README's first command: a changed publish, then a no-op one
      for (int i = 0; i < 2; i++) {
        runs.add(
            new String[] {
              "publish",
              "--scenario-dir",
              scenario,
              "--provider",
              "digitalocean",
              "--checks",
              "fast",
              "--repo",
              remote.toUri().toString(),
              "--out",
              tmp.resolve("out").toString()
            });
      }
      runs.add(new String[] {"providers"});
      PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
      int failed = 0;
      for (String[] args : runs) {
        failed += Main.commandLine(sink, sink, args).execute(args) > Main.DIAGNOSTICS ? 1 : 0;
      }
      return failed == 0 ? Main.OK : Main.INTERNAL;
    } finally {
      TreeWriter.deleteRecursively(tmp);
    }
  }
}
