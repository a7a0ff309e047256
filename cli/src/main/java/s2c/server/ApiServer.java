package s2c.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import s2c.gitops.DeploymentRecord;
import s2c.gitops.GitAccess;
import s2c.gitops.PathTemplate;
import s2c.gitops.PublishException;
import s2c.pipeline.CompilerVersion;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;

/**
 * The HTTP API deployment-manager calls. Built on the JDK's own HTTP server: the API is a handful
 * of JSON endpoints, so a server library would add a dependency tree without adding anything we
 * use; size limits, bearer auth and JSON errors are a few lines here.
 *
 * <p>Mutating calls (POST) need {@code Authorization: Bearer <token>} matching the token the server
 * was started with; requests over the size limit are refused before they are read; every publish
 * goes to the one repository the server was started with, serialised per repository.
 */
public final class ApiServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] token;
  private final long maxRequestBytes;
  private final ApiOperations operations;
  private final java.util.concurrent.Semaphore workers;
  private final int threads;
  private final Instant started = Instant.now();

  public record Config(
      String bind,
      int port,
      String token,
      long maxRequestBytes,
      String repoUrl,
      String branch,
      PathTemplate template,
      GitAccess access,
      int threads,
      java.util.Optional<String> reportUrl) {}

  public ApiServer(Config config) throws IOException {
    if (config.token() == null || config.token().length() < 16) {
      throw new IllegalArgumentException("the API token must be at least 16 characters");
    }
    this.token = config.token().getBytes(StandardCharsets.UTF_8);
    this.maxRequestBytes = config.maxRequestBytes();
    this.operations =
        new ApiOperations(
            config.repoUrl(),
            config.branch(),
            config.template(),
            config.access(),
            config.reportUrl());
    ConnectionLimits.apply();
    this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
    // the JDK server reads a request's headers on the executor's thread: many more readers than
    // workers, so slow clients cannot starve /health; compile and publish take a worker permit
    this.executor = Executors.newFixedThreadPool(Math.max(32, config.threads() * 8));
    this.workers = new java.util.concurrent.Semaphore(config.threads());
    this.threads = config.threads();
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /**
   * Like the input files: a key given twice is refused, never silently last-one-wins; nesting is
   * bounded.
   */
  private static final tools.jackson.databind.json.JsonMapper BODY_READER =
      tools.jackson.databind.json.JsonMapper.builder(
              tools.jackson.core.json.JsonFactory.builder()
                  .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      tools.jackson.core.StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .build())
                  .build())
          .build();

  public ApiServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      switch (method + " " + path) {
        case "GET /health" -> send(ex, 200, health());
        case "GET /api/v1/providers" -> send(ex, 200, providers());
        case "GET /api/v1/deployments" -> deployments(ex);
        case "POST /api/v1/compile" -> mutating(ex, body -> operations.compile(body));
        case "POST /api/v1/publish" -> mutating(ex, body -> operations.publish(body));
        case "POST /api/v1/validate" -> mutating(ex, body -> operations.validate(body));
        default -> {
          boolean known =
              List.of(
                      "/health",
                      "/api/v1/providers",
                      "/api/v1/deployments",
                      "/api/v1/compile",
                      "/api/v1/publish",
                      "/api/v1/validate")
                  .contains(path);
          send(
              ex,
              known ? 405 : 404,
              error(
                  known
                      ? "method " + method + " not allowed on " + path
                      : "no such endpoint: " + path));
        }
      }
    } catch (RuntimeException e) {
      // a bug, not a client error: say so without a stack trace in the response
      send(ex, 500, error("internal error: " + e.getClass().getSimpleName()));
    }
  }

  private boolean acquireWorker() {
    try {
      return workers.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private interface Operation {
    ApiOperations.Response run(Map<String, Object> body) throws IOException;
  }

  private void mutating(HttpExchange ex, Operation op) throws IOException {
    if (!authorized(ex)) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
      send(ex, 401, error("missing or wrong bearer token"));
      return;
    }
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLong(length) > maxRequestBytes) {
      refuseTooLarge(ex, parseLong(length));
      return;
    }
    Optional<byte[]> bytes = readCapped(ex.getRequestBody());
    if (bytes.isEmpty()) {
      refuseTooLarge(ex, -1);
      return;
    }
    Map<String, Object> body;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = BODY_READER.readValue(bytes.get(), Map.class);
      body = parsed;
    } catch (tools.jackson.core.exc.StreamReadException e) {
      String message = String.valueOf(e.getOriginalMessage());
      boolean duplicate = message.startsWith("Duplicate");
      send(
          ex,
          400,
          error(
              duplicate
                  ? "request body has a duplicate key (" + message + ")"
                  : "request body is not valid JSON (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
      return;
    } catch (RuntimeException e) {
      send(ex, 400, error("request body is not a JSON object"));
      return;
    }
    if (body == null) {
      send(ex, 400, error("request body is not a JSON object"));
      return;
    }
    if (!acquireWorker()) {
      ex.getResponseHeaders().add("Retry-After", "5");
      send(ex, 503, error("all " + threads + " workers are busy; retry shortly"));
      return;
    }
    ApiOperations.Response response;
    try {
      response = op.run(body);
    } finally {
      workers.release();
    }
    send(ex, response.status(), response.body());
  }

  /**
   * 413, after reading and discarding a bounded amount of what the client is still sending, so it
   * sees the answer instead of a reset connection; a body far over the limit is not read at all.
   */
  private void refuseTooLarge(HttpExchange ex, long declared) throws IOException {
    long budget = 4 * maxRequestBytes;
    if (declared <= budget) {
      InputStream in = ex.getRequestBody();
      byte[] sink = new byte[8192];
      long read = 0;
      int n;
      while (read < budget && (n = in.read(sink)) >= 0) {
        read += n;
      }
    }
    ex.getResponseHeaders().set("Connection", "close");
    send(ex, 413, error("request body is over the limit of " + maxRequestBytes + " bytes"));
  }

  private boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(token, header.substring(7).getBytes(StandardCharsets.UTF_8));
  }

  private Optional<byte[]> readCapped(InputStream in) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
    return data.length > maxRequestBytes ? Optional.empty() : Optional.of(data);
  }

  private void deployments(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    if (!q.containsKey("scenario")) {
      send(ex, 400, error("query parameter 'scenario' is required"));
      return;
    }
    try {
      List<DeploymentRecord> records =
          operations.history(
              q.get("scenario"),
              Optional.ofNullable(q.get("env")),
              Optional.ofNullable(q.get("provider")));
      send(ex, 200, Map.of("deployments", records));
    } catch (PublishException e) {
      send(ex, 502, error(e.getMessage()));
    }
  }

  private Map<String, Object> health() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("status", "healthy");
    h.put("service", "scenario-to-cloud-api");
    h.put("timestamp", Instant.now().toString());
    h.put("readiness", true);
    h.put("version", CompilerVersion.VERSION);
    h.put("uptime_seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    return h;
  }

  private static Map<String, Object> providers() {
    return Map.of("providers", TargetRegistry.load().descriptions());
  }

  static Map<String, Object> error(String message) {
    return Map.of("ok", false, "error", message);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JsonOutput.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
