package s2c.gitops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on 127.0.0.1 that records requests and answers with a fixed status and body.
 */
final class StubHttp implements AutoCloseable {
  record Request(String method, String path, Map<String, List<String>> headers, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  StubHttp(int status, String response) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(
              new Request(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getRawPath(),
                  ex.getRequestHeaders(),
                  new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
