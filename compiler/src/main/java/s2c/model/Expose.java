package s2c.model;

import java.util.List;
import java.util.Optional;

/**
 * Public HTTP route to a service, and the extra routes to its other ports (a WebSocket channel on a
 * port of its own), each by path prefix.
 */
public record Expose(
    String path, Optional<String> portName, boolean preservePathPrefix, List<Route> routes) {
  public Expose {
    routes = List.copyOf(routes);
  }

  /** A public path prefix routed to a named port of the service. */
  public record Route(String path, String portName) {}
}
