package s2c.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import s2c.diag.Codes;
import s2c.diag.Diagnostics;
import s2c.model.Deployment;
import s2c.model.Service;
import s2c.model.ServiceType;
import s2c.write.ToolRunner;

/**
 * The scenario's own build of the services whose output is missing: its setup steps ({@code cd api
 * && go build -o …}), run in a clean copy of the scenario. Go is built for the image's platform
 * ({@code GOOS}/{@code GOARCH}, cgo off so the binary runs on scratch); any other compiled output
 * can only be built for the machine's own platform. A toolchain that is not installed is named
 * before anything runs.
 */
public final class SetupSteps {
  /** One service's build: {@code sh -c 'cd <directory> && <command>'} with {@code env}. */
  public record Step(Service service, String directory, String command, Map<String, String> env) {}

  /** Words that start a command part but are not a program to look for. */
  private static final Set<String> SHELL_WORDS =
      Set.of("cd", "export", "set", "echo", "test", "[", "true", "false", "if", "then", "fi");

  private SetupSteps() {}

  /**
   * The steps that build the outputs missing under {@code root}; a service that has no build
   * command or whose output is there needs none.
   */
  public static List<Step> needed(
      Deployment d, Path root, String platform, Diagnostics diagnostics) {
    List<Step> steps = new ArrayList<>();
    for (Service s : d.services()) {
      if (s.build().isEmpty()
          || s.build().get().command().isEmpty()
          || s.binaries().containsKey(ImagePlanner.bundlePlatform(platform))) {
        continue;
      }
      Optional<String> output = BuildOutputs.of(s, root);
      if (output.isPresent() && Files.exists(root.resolve(output.get()))) {
        continue;
      }
      String type = s.build().get().type();
      String command = s.build().get().command().get();
      TreeMap<String, String> env = new TreeMap<>();
      // what the command runs decides, not the build type: a scenario's api need not be Go
      if (command.matches("(.*[\\s;&|])?go build\\b.*")) {
        env.put("GOOS", "linux");
        env.put("GOARCH", platform.substring(platform.indexOf('/') + 1));
        env.put("CGO_ENABLED", "0");
      } else if (s.type() != ServiceType.UI_BUNDLE && !platform.equals(hostPlatform())) {
        diagnostics.error(
            Codes.SETUP_FAILED,
            s.origin(),
            "service '"
                + s.id()
                + "' builds with '"
                + command
                + "' ("
                + type
                + ") on "
                + hostPlatform()
                + ", which cannot make a "
                + platform
                + " binary",
            "build on a " + platform + " machine, or list the binary in the bundle");
        continue;
      }
      steps.add(new Step(s, s.build().get().sourceDir(), command, env));
    }
    return steps;
  }

  /** The programs the step's command parts start that are not on {@code PATH}, in order. */
  public static List<String> missingTools(Step step, Predicate<String> onPath) {
    Set<String> missing = new LinkedHashSet<>();
    for (String part : step.command().split("&&|\\|\\||;|\\|")) {
      String[] words = part.trim().split("\\s+");
      int i = 0;
      while (i < words.length && words[i].matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        i++; // VAR=value before the program
      }
      if (i == words.length || words[i].isEmpty()) {
        continue;
      }
      String program = words[i];
      if (!SHELL_WORDS.contains(program) && !program.contains("/") && !onPath.test(program)) {
        missing.add(program);
      }
    }
    return List.copyOf(missing);
  }

  /**
   * Runs one step in {@code workingCopy}; its whole output goes to {@code log}. A failure is
   * SETUP_FAILED at the service with the output's last lines.
   */
  public static boolean run(
      Step step, Path workingCopy, Path log, Duration timeout, Diagnostics diagnostics) {
    try {
      Path dir = workingCopy.resolve(step.directory()).normalize();
      if (!dir.startsWith(workingCopy) || !Files.isDirectory(dir)) {
        diagnostics.error(
            Codes.SETUP_FAILED,
            step.service().origin(),
            "service '"
                + step.service().id()
                + "' builds in "
                + step.directory()
                + "/, which the scenario does not have",
            "commit the service's sources, or list its built binary in the bundle");
        return false;
      }
      ToolRunner.Result result =
          ToolRunner.run(List.of("sh", "-c", step.command()), dir, step.env(), timeout);
      Files.createDirectories(log.getParent());
      Files.writeString(log, result.output());
      if (result.exitCode() == 0) {
        return true;
      }
      diagnostics.error(
          Codes.SETUP_FAILED,
          step.service().origin(),
          "the build of service '"
              + step.service().id()
              + "' ("
              + step.command()
              + ") "
              + (result.timedOut()
                  ? "did not finish in " + timeout.toMinutes() + " min"
                  : "exited " + result.exitCode())
              + "; last lines:\n"
              + tail(result.output(), 15),
          "the whole output is in " + log);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code linux/amd64} or {@code linux/arm64}: what this JVM runs on. */
  static String hostPlatform() {
    String arch = System.getProperty("os.arch");
    return "linux/" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
  }

  private static String tail(String output, int lines) {
    List<String> all = output.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
