package s2c.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import s2c.model.Expose;
import s2c.model.HealthCheck;
import s2c.model.Port;
import tools.jackson.databind.JsonNode;

/**
 * The extra public routes of an exposed service: those given as {@code expose.routes}, and one for
 * each other port named like a WebSocket channel ({@code ws}, {@code websocket}, {@code *-ws}),
 * which a browser must reach from outside just as it reaches the main port. Without the route the
 * port would be reachable only inside the deployment.
 */
final class ExposeRoutes {
  private static final Pattern WEBSOCKET = Pattern.compile("(?i)(^|.*[-_])(ws|websocket)$");

  private ExposeRoutes() {}

  static List<Expose.Route> of(JsonNode expose, List<Port> ports, HealthCheck health) {
    Map<String, Expose.Route> byPort = new LinkedHashMap<>();
    for (JsonNode r : expose.path("routes")) {
      byPort.put(
          r.path("port_name").asString(),
          new Expose.Route(r.path("path").asString(), r.path("port_name").asString()));
    }
    String main =
        expose
            .path("port_name")
            .asString(
                health.portName() == null || health.portName().isEmpty()
                    ? (ports.isEmpty() ? "" : ports.get(0).name())
                    : health.portName());
    String base = expose.path("path").asString("/").replaceAll("/+$", "");
    for (Port p : ports) {
      if (!p.name().equals(main)
          && !byPort.containsKey(p.name())
          && WEBSOCKET.matcher(p.name()).matches()) {
        String leaf =
            p.name().equalsIgnoreCase("ws") || p.name().equalsIgnoreCase("websocket")
                ? "ws"
                : p.name();
        byPort.put(p.name(), new Expose.Route(base + "/" + leaf, p.name()));
      }
    }
    return new ArrayList<>(byPort.values());
  }
}
