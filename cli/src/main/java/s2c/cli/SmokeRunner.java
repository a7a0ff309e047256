package s2c.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLException;
import tools.jackson.databind.JsonNode;

/**
 * Runs a render's smoke tests ({@code s2c-verify.json}) against the deployment's base URL: each
 * check retried at its interval until it passes, its retries are used up or the overall deadline
 * passes; a check whose dependency failed is not run. With an https base, plain http must redirect
 * to it; a certificate the JVM does not trust fails the check that met it.
 */
final class SmokeRunner {
  /** One check's outcome, with what was expected and what came back. */
  record Result(String name, String url, boolean ok, int attempts, String expected, String got) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("url", url);
      m.put("ok", ok);
      m.put("attempts", attempts);
      m.put("expected", expected);
      m.put("got", got);
      return m;
    }
  }

  private final HttpClient client;
  private final Instant deadline;

  SmokeRunner(Duration overall) {
    // redirects are not followed: a check sees what the route answers
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.deadline = Instant.now().plus(overall);
  }

  List<Result> run(URI base, JsonNode plan) throws InterruptedException {
    List<Result> results = new ArrayList<>();
    if ("https".equals(base.getScheme())) {
      results.add(redirect(base));
    }
    Set<String> failed = new TreeSet<>();
    for (JsonNode check : plan.path("checks")) {
      String service = check.path("service").asString();
      URI url = base.resolve(check.path("path").asString());
      String expect = check.path("expect").asString();
      List<String> blocked = new ArrayList<>();
      check
          .path("after")
          .forEach(
              dep -> {
                if (failed.contains(dep.asString())) {
                  blocked.add(dep.asString());
                }
              });
      Result r =
          blocked.isEmpty()
              ? attempt(check, url, expect)
              : new Result(
                  check.path("name").asString(),
                  url.toString(),
                  false,
                  0,
                  expect,
                  "not run: it depends on " + String.join(", ", blocked) + ", which failed");
      if (!r.ok()) {
        failed.add(service);
      }
      results.add(r);
    }
    return results;
  }

  private Result attempt(JsonNode check, URI url, String expect) throws InterruptedException {
    int retries = Math.max(1, check.path("retries").asInt(3));
    Duration interval = Duration.ofMillis(check.path("interval_ms").asLong(30000));
    Duration timeout = Duration.ofMillis(check.path("timeout_ms").asLong(5000));
    String got = "";
    int attempts = 0;
    for (int i = 0; i < retries; i++) {
      attempts++;
      Optional<Integer> status = Optional.empty();
      try {
        HttpResponse<java.io.InputStream> response =
            client.send(
                HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (java.io.InputStream in = response.body()) {
          // a health answer is small: read no more than this, whatever the server sends
          body = in.readNBytes(MAX_BODY);
        }
        status = Optional.of(response.statusCode());
        got = "HTTP " + response.statusCode();
        Optional<String> location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 == 3 && location.isPresent()) {
          got += " to " + location.get();
          Optional<String> loop = redirectLoop(url, location.get(), timeout);
          if (loop.isPresent()) {
            // a route that only redirects in a circle answers no visitor
            status = Optional.empty();
            got += ", a redirect loop: " + loop.get();
          }
        }
        Optional<String> unwell = vrooliHealth(body);
        if (unwell.isPresent() && status.filter(code -> matches(expect, code)).isPresent()) {
          status = Optional.empty();
          got += ", " + unwell.get();
        }
      } catch (SSLException e) {
        got = "TLS: " + e.getMessage();
      } catch (IOException e) {
        got = describe(e, url, timeout);
      }
      if (status.filter(code -> matches(expect, code)).isPresent()) {
        return new Result(
            check.path("name").asString(), url.toString(), true, attempts, expect, got);
      }
      if (i + 1 < retries && Instant.now().plus(interval).isBefore(deadline)) {
        Thread.sleep(interval.toMillis());
      } else {
        break;
      }
    }
    return new Result(check.path("name").asString(), url.toString(), false, attempts, expect, got);
  }

  /** The most redirects followed to find a loop. */
  private static final int MAX_HOPS = 10;

  /**
   * Follows the redirects from {@code url} (no body read) and returns the circle when one comes
   * back to a URL already visited.
   */
  private Optional<String> redirectLoop(URI url, String location, Duration timeout)
      throws InterruptedException {
    List<URI> visited = new ArrayList<>(List.of(url));
    URI next = url.resolve(location);
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      if (visited.contains(next)) {
        visited.add(next);
        return Optional.of(
            String.join(
                " → ",
                visited.subList(visited.indexOf(next), visited.size()).stream()
                    .map(URI::toString)
                    .toList()));
      }
      visited.add(next);
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(next).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        Optional<String> again = r.headers().firstValue("Location");
        if (r.statusCode() / 100 != 3 || again.isEmpty()) {
          return Optional.empty();
        }
        next = next.resolve(again.get());
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of("more than " + MAX_HOPS + " redirects from " + url);
  }

  /** What went wrong before an answer, in the words an operator searches for. */
  static String describe(IOException e, URI url, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "DNS: " + url.getHost() + " does not resolve";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer within " + timeout.toMillis() + " ms";
      }
      if (t instanceof java.net.ConnectException && t.getMessage() != null) {
        return "ConnectException: " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The most of a response body a check reads. */
  static final int MAX_BODY = 64 * 1024;

  /**
   * A body in Vrooli's health shape ({@code status} healthy|degraded|unhealthy, {@code readiness})
   * that says the service is not well; other bodies say nothing.
   */
  static Optional<String> vrooliHealth(byte[] body) {
    JsonNode health;
    try {
      health = s2c.write.JsonOutput.mapper().readTree(body);
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
    if (health == null || !health.isObject() || !health.path("status").isString()) {
      return Optional.empty();
    }
    if (health.path("status").asString().equals("unhealthy")) {
      return Optional.of("its health says status: unhealthy");
    }
    if (health.path("readiness").isBoolean() && !health.path("readiness").asBoolean()) {
      return Optional.of("its health says readiness: false");
    }
    return Optional.empty();
  }

  /** http://host/ answers a redirect to https. */
  private Result redirect(URI base) throws InterruptedException {
    URI plain = URI.create("http://" + base.getRawAuthority() + "/");
    String got;
    boolean ok = false;
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      String location = response.headers().firstValue("Location").orElse("");
      got = "HTTP " + response.statusCode() + (location.isEmpty() ? "" : " to " + location);
      ok = response.statusCode() / 100 == 3 && location.startsWith("https://");
    } catch (IOException e) {
      got = describe(e, plain, Duration.ofSeconds(10));
    }
    return new Result("https redirect", plain.toString(), ok, 1, "3xx to https://", got);
  }

  static boolean matches(String expect, int status) {
    return switch (expect) {
      case "2xx" -> status / 100 == 2;
      case "not-5xx" -> status < 500;
      default -> false;
    };
  }
}
