package s2c.model;

import java.util.List;

/** How to tell a service is alive; times are milliseconds as in the bundle. */
public record HealthCheck(
    Kind kind,
    String path,
    String portName,
    List<String> command,
    int intervalMs,
    int timeoutMs,
    int retries,
    int initialDelayMs) {

  public enum Kind {
    HTTP,
    TCP,
    COMMAND,
    LOG_MATCH
  }

  public HealthCheck {
    command = List.copyOf(command);
  }
}
