package s2c.targets.baremetal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's command as the argv systemd and supervisor start without a shell. A develop step such
 * as {@code exec ./picker-wheel-api} only works in a shell: {@code exec} is a builtin, so {@code
 * /usr/bin/env exec …} fails with 127 and the service never starts. A leading {@code exec} is
 * dropped (the run script already execs); anything else only a shell understands is refused.
 */
record RunCommand(List<String> argv, Optional<String> problem) {
  private static final Set<String> BUILTINS =
      Set.of(
          "exec",
          "cd",
          "source",
          ".",
          "export",
          "set",
          "unset",
          "eval",
          "alias",
          "ulimit",
          "umask",
          "trap",
          "shift",
          "read",
          "wait",
          "builtin",
          "command",
          "if",
          "then",
          "for",
          "while",
          "do",
          "case",
          "until",
          "function",
          "{",
          "(");
  private static final Set<String> OPERATORS =
      Set.of("&&", "||", ";", "|", "&", ">", ">>", "<", "2>", "2>&1", "<<", "$(", "`");

  /**
   * {@code words}: the declared command; {@code releaseDir}: where {@code ./program} lives on the
   * host.
   */
  static RunCommand of(List<String> words, String releaseDir) {
    List<String> rest = new ArrayList<>(words);
    while (!rest.isEmpty() && rest.get(0).equals("exec")) {
      rest.remove(0);
    }
    if (rest.isEmpty()) {
      return new RunCommand(List.of(), Optional.of("the command is only 'exec'"));
    }
    String program = rest.get(0);
    if (BUILTINS.contains(program)) {
      return new RunCommand(
          List.of(), Optional.of("'" + program + "' is a shell builtin, not a program"));
    }
    // every word reaches the program as it is (quoted in the run script): only a word that is a
    // shell operator on its own shows the command was meant for a shell
    for (String w : rest) {
      if (OPERATORS.contains(w)) {
        return new RunCommand(List.of(), Optional.of("'" + w + "' needs a shell (an operator)"));
      }
    }
    if (program.contains("..")) {
      return new RunCommand(
          List.of(), Optional.of("program '" + program + "' cannot be inside the release"));
    }
    List<String> argv = new ArrayList<>(rest);
    if (program.startsWith("./")) {
      argv.set(0, releaseDir + program.substring(1));
    } else if (!program.startsWith("/")) {
      // systemd wants an absolute ExecStart; env finds the interpreter (node, python3, …) on the
      // host's PATH
      argv.add(0, "/usr/bin/env");
    }
    return new RunCommand(argv, Optional.empty());
  }
}
