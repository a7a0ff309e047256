package s2c.golden;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the CLI in its own JVM, as a CI job or deployment-manager would. */
final class Subprocess {
  private Subprocess() {}

  static ProcessBuilder cli(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Ds2c.terraform.fmt=skip",
                "-cp",
                System.getProperty("java.class.path"),
                "s2c.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb;
  }

  static Process start(Map<String, String> env, String... args) throws IOException {
    return cli(env, args).start();
  }
}
