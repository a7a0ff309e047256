package s2c.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names what went wrong with a repository in one line a user can act on. JGit wraps the real cause
 * (a refused connection, a read-only remote, a failed login) in generic messages such as "Exception
 * caught during execution of fetch command" or "Pipe closed"; this reads the chain.
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null && messages.size() < 8; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        messages.add(t.getMessage().strip());
      }
    }
    String all = String.join(" | ", messages).toLowerCase(Locale.ROOT);
    String named = name(all);
    String detail =
        messages.isEmpty() ? failure.getClass().getSimpleName() : messages.get(messages.size() - 1);
    String line = named == null ? detail : named + " (" + detail + ")";
    line = line.replaceAll("\\s+", " ");
    return Redaction.redact(line.length() > 300 ? line.substring(0, 300) + "…" : line);
  }

  private static String name(String all) {
    if (all.contains("read-only")
        || all.contains("permission denied")
        || all.contains("pipe closed")
        || all.contains("cannot lock")
        || all.contains("unpack error")
        || all.contains("insufficient permission")) {
      return "the remote refused the write (read-only repository or no permission to push)";
    }
    if (all.contains("not authorized")
        || all.contains("authentication")
        || all.contains("auth fail")
        || all.contains("401")) {
      return "the remote refused the credentials";
    }
    if (all.contains("connection refused")
        || all.contains("connect timed out")
        || all.contains("connection failed")) {
      return "the remote cannot be reached";
    }
    if (all.contains("unknownhost")
        || all.contains("unknown host")
        || all.contains("name or service not known")) {
      return "the remote's host name does not resolve";
    }
    if (all.contains("not a git repository")
        || all.contains("does not appear to be a git repository")
        || all.contains("repository not found")
        || all.contains("no such file or directory")) {
      return "no repository at that URL";
    }
    return null;
  }
}
