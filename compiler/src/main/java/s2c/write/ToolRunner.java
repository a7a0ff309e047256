package s2c.write;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way the compiler and the targets start a program (a formatter, linter or config validator
 * of a target's output). Output goes to a file rather than a pipe, so the timeout fires even when
 * the tool hangs with its output open (reading a pipe to its end first would wait forever), and the
 * whole process tree is killed. Counts what it starts: {@code --checks fast} must start nothing.
 */
public final class ToolRunner {
  private static final AtomicLong STARTED = new AtomicLong();

  /** What a run gave: its exit code (-1 when it timed out) and its combined output. */
  public record Result(int exitCode, String output, boolean timedOut) {}

  private ToolRunner() {}

  public static Result run(
      List<String> command, Path cwd, Map<String, String> env, Duration timeout)
      throws IOException {
    Path log = Files.createTempFile("s2c-tool-", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      STARTED.incrementAndGet();
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
          return new Result(-1, Files.readString(log, StandardCharsets.UTF_8), true);
        }
      } catch (InterruptedException e) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException(command.get(0) + " was interrupted", e);
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), false);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** How many programs this process has started through the runner. */
  public static long started() {
    return STARTED.get();
  }
}
