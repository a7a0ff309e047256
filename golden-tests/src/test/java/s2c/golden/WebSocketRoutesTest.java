package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 12: a WebSocket port of an exposed service is reached from browsers, so it gets a
 * public route (the port was internal-only before). Kubernetes and bare metal route it; App
 * Platform cannot, and says so. A route to a port the service does not have is an input error.
 */
class WebSocketRoutesTest {
  @TempDir Path tmp;

  private Path bundle(String expose) throws Exception {
    return Files.writeString(
        tmp.resolve("bundle.json"),
        """
        { "schema_version": "v0.1", "target": "cloud", "app": { "name": "chat-demo", "version": "1.0.0" },
          "services": [ { "id": "api", "type": "api-binary", "image": "ghcr.io/x/chat:1",
            "binaries": { "linux-x64": { "path": "api/server" } },
            "ports": { "requested": [ { "name": "http", "range": { "min": 8080, "max": 8080 }, "env_var": "PORT" },
                                     { "name": "websocket", "range": { "min": 8090, "max": 8090 }, "env_var": "WS_PORT" } ] },
            "health": { "type": "http", "path": "/health", "port_name": "http" },
            "expose": %s } ] }
        """
            .formatted(expose));
  }

  @Test
  void aWebSocketPortOfAnExposedServiceIsRoutedUnderItsPath() throws Exception {
    Path bundle = bundle("{ \"path\": \"/api\" }");
    CliRun host =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("bm").toString());
    assertThat(host.exit()).as(host.err()).isZero();
    String site =
        Files.readString(
            tmp.resolve("bm/chat-demo/cloud/baremetal/ansible/roles/edge/files/chat-demo.caddy"));
    // Caddy's handle matcher: the longer prefix first, the upgrade proxied as is
    assertThat(site)
        .containsSubsequence(
            "handle /api/ws* {",
            "reverse_proxy 127.0.0.1:8090",
            "handle /api* {",
            "reverse_proxy 127.0.0.1:8080");

    CliRun k8s =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "kubernetes",
            "--out",
            tmp.resolve("k8s").toString());
    assertThat(k8s.exit()).as(k8s.err()).isZero();
    String values =
        Files.readString(tmp.resolve("k8s/chat-demo/cloud/kubernetes/chart/chat-demo/values.yaml"));
    assertThat(values).contains("routes:\n        - path: /api/ws\n          port: websocket");

    CliRun app =
        CliRun.of(
            "compile",
            "--bundle",
            bundle.toString(),
            "--provider",
            "do",
            "--out",
            tmp.resolve("do").toString());
    assertThat(app.exit()).as(app.err()).isZero();
    assertThat(app.err())
        .contains(
            "warning[S2C061]: port 'websocket' (8090) of exposed service 'api' is reachable only inside the app (its route /api/ws");
  }

  @Test
  void anExplicitRouteChoosesThePathAndAnUnknownPortIsAnError() throws Exception {
    Path chosen =
        bundle(
            "{ \"path\": \"/\", \"routes\": [ { \"path\": \"/live\", \"port_name\": \"websocket\" } ] }");
    CliRun host =
        CliRun.of(
            "compile",
            "--bundle",
            chosen.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("bm").toString());
    assertThat(host.exit()).as(host.err()).isZero();
    assertThat(
            Files.readString(
                tmp.resolve(
                    "bm/chat-demo/cloud/baremetal/ansible/roles/edge/files/chat-demo.caddy")))
        .contains("handle /live* {\n\t\treverse_proxy 127.0.0.1:8090")
        .doesNotContain("/ws");

    Path wrong =
        bundle(
            "{ \"path\": \"/\", \"routes\": [ { \"path\": \"/live\", \"port_name\": \"websockt\" } ] }");
    CliRun bad =
        CliRun.of(
            "compile",
            "--bundle",
            wrong.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("bad").toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "error[S2C025]: route /live goes to port 'websockt' which service 'api' does not request",
            "websocket");

    // the same from values
    Path values =
        Files.writeString(
            tmp.resolve("values.yaml"),
            "services:\n  api:\n    expose: { path: /, routes: [{ path: /live, port_name: wss }] }\n");
    CliRun badValues =
        CliRun.of(
            "compile",
            "--bundle",
            chosen.toString(),
            "--values",
            values.toString(),
            "--provider",
            "baremetal",
            "--out",
            tmp.resolve("bad2").toString());
    assertThat(badValues.exit()).isEqualTo(1);
    assertThat(badValues.err())
        .contains("values.yaml:3:", "error[S2C025]: route /live goes to port 'wss'");
  }
}
