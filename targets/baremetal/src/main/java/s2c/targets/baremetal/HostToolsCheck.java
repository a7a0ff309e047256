package s2c.targets.baremetal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;

/**
 * Output rule for the class of defect "a script needs a tool a fresh host lacks" (the shell twin
 * once probed health with curl, absent from a minimal Debian): every command the shell twin runs on
 * the host must be a shell builtin, a tool of Debian's minbase with systemd, or come from a package
 * the script itself installs.
 */
final class HostToolsCheck {
  static final List<String> FILES = List.of("shell/deploy.sh", "shell/rollback.sh");

  /** bash builtins and keywords, and what a minbase Debian 12 with systemd has. */
  private static final Set<String> FRESH_HOST =
      Set.of(
          "[",
          "test",
          "echo",
          "printf",
          "cd",
          "set",
          "exit",
          "export",
          "read",
          "local",
          "true",
          "false",
          "trap",
          "exec",
          "shift",
          "umask",
          "wait",
          "kill",
          "command",
          "type",
          ".",
          "source",
          "eval",
          "return",
          "break",
          "continue",
          "id",
          "useradd",
          "usermod",
          "groupadd",
          "install",
          "mkdir",
          "rm",
          "mv",
          "cp",
          "ln",
          "chmod",
          "chown",
          "cat",
          "tar",
          "find",
          "sort",
          "head",
          "tail",
          "tr",
          "cut",
          "wc",
          "grep",
          "sed",
          "awk",
          "date",
          "sleep",
          "timeout",
          "readlink",
          "basename",
          "dirname",
          "stat",
          "touch",
          "ls",
          "seq",
          "od",
          "md5sum",
          "sha256sum",
          "env",
          "sh",
          "bash",
          "flock",
          "setsid",
          "runuser",
          "su",
          "mktemp",
          "getent",
          "dpkg-query",
          "apt-get",
          "systemctl",
          "systemd-analyze",
          "journalctl",
          "service",
          "hostname",
          "xargs",
          "tee",
          "uniq");

  /** Tools a package brings, for the packages the script may install. */
  private static final Map<String, List<String>> PACKAGE_TOOLS =
      Map.of(
          "postgresql", List.of("psql", "createdb", "createuser", "pg_isready"),
          "redis-server", List.of("redis-cli", "redis-server"),
          "caddy", List.of("caddy"),
          "supervisor", List.of("supervisorctl", "supervisord"),
          "python3", List.of("python3"),
          "nodejs", List.of("node"));

  private static final Pattern HEREDOC = Pattern.compile("<<-?'?([A-Z_]+)'?");
  private static final Pattern APT = Pattern.compile("apt-get install [^\\n]*");
  private static final Pattern INSTALLED =
      Pattern.compile("mv -f (/[A-Za-z0-9_./-]+)\\.new \\1(?:\\s|$)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case",
          "esac", "!", "{", "}", "time");

  private HostToolsCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    // rollback.sh runs after deploy.sh, on a host with deploy.sh's packages
    String deploy = tree.text(FILES.get(0));
    for (String file : FILES) {
      String text = tree.text(file);
      if (text != null) {
        check(text, root + file, deploy == null ? text : deploy + "\n" + text, out);
      }
    }
    return out;
  }

  static void check(String script, String display, List<Diagnostic> out) {
    check(script, display, script, out);
  }

  /**
   * {@code installing}: the scripts whose apt-get installs have run on the host before this one.
   */
  static void check(String script, String display, String installing, List<Diagnostic> out) {
    Set<String> available = new LinkedHashSet<>(FRESH_HOST);
    Matcher apt = APT.matcher(installing);
    while (apt.find()) {
      for (String word : apt.group().split("\\s+")) {
        available.addAll(PACKAGE_TOOLS.getOrDefault(word, List.of()));
      }
    }
    // a program the script installs itself (written to X.new, then moved to X) is there when it
    // runs
    Matcher installed = INSTALLED.matcher(installing);
    while (installed.find()) {
      available.add(installed.group(1));
    }
    String[] lines = script.split("\n", -1);
    String remoteEnd = null;
    String skipUntil = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (skipUntil != null) {
        if (line.equals(skipUntil)) {
          skipUntil = null;
        }
        continue;
      }
      if (remoteEnd == null) {
        Matcher m = HEREDOC.matcher(line);
        if (m.find() && m.group(1).equals("REMOTE")) {
          remoteEnd = "REMOTE";
        }
        continue;
      }
      if (line.equals(remoteEnd)) {
        remoteEnd = null;
        continue;
      }
      Matcher nested = HEREDOC.matcher(line);
      if (nested.find()) {
        skipUntil = nested.group(1); // a file's content (unit, site, run script), not commands
      }
      if (i > 0 && lines[i - 1].endsWith("\\")) {
        continue; // a continued line holds arguments
      }
      for (String word : commands(line)) {
        String command = word.contains("/") ? word.substring(word.lastIndexOf('/') + 1) : word;
        if (!available.contains(command) && !available.contains(word)) {
          out.add(
              Diagnostic.error(
                  Codes.HOST_TOOL_MISSING,
                  new SourceLocation(display, i + 1, 1, ""),
                  "the host part of the script runs '"
                      + command
                      + "', which a fresh Debian host lacks and the script does not install",
                  "use a builtin or a minbase tool (bash's /dev/tcp instead of curl), or install its package first"));
        }
      }
    }
  }

  /**
   * The command words of one line: the first word of each pipeline stage, list element and
   * substitution.
   */
  static List<String> commands(String line) {
    String code = line.replaceAll("'[^']*'", "''").replaceAll("(^|\\s)#.*$", "");
    // double-quoted text is data unless it holds a command substitution
    Matcher quoted = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"").matcher(code);
    StringBuilder stripped = new StringBuilder();
    while (quoted.find()) {
      quoted.appendReplacement(
          stripped,
          Matcher.quoteReplacement(quoted.group().contains("$(") ? quoted.group() : "\"\""));
    }
    quoted.appendTail(stripped);
    code = stripped.toString();
    List<String> commands = new ArrayList<>();
    for (String part : code.split("\\$\\(|&&|\\|\\||[;|(`]")) {
      for (String word : part.trim().split("\\s+")) {
        if (word.equals("for") || word.equals("case")) {
          break; // "for x in …", "case $x in": names and patterns, not commands
        }
        if (word.isEmpty() || KEYWORDS.contains(word)) {
          continue;
        }
        if (word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
          if (word.chars().filter(c -> c == '"').count() % 2 == 1) {
            break; // a quoted value goes on: the rest of this part is data
          }
          continue; // an assignment before the command
        }
        if (word.matches("[A-Za-z0-9_./\\[-]+")) {
          commands.add(word);
        }
        break;
      }
    }
    return commands;
  }
}
