package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import s2c.images.ImageBuilder;
import s2c.images.ImageSpec;
import s2c.write.YamlOutput;

/**
 * Debian's docker-registry on 127.0.0.1, on a free port with its storage in the test's directory;
 * {@link #close()} stops it (tests use it in try-with-resources or an {@code @AfterEach}).
 */
final class LocalRegistry implements AutoCloseable {
  static final String PROGRAM = "/usr/bin/docker-registry";

  private final Path tmp;
  private final Process process;
  private final int port;

  private LocalRegistry(Path tmp, Process process, int port) {
    this.tmp = tmp;
    this.process = process;
    this.port = port;
  }

  static boolean installed() {
    return Files.isExecutable(Path.of(PROGRAM));
  }

  /**
   * Starts the registry: plain HTTP, or TLS (a certificate made here) with htpasswd (bcrypt)
   * authentication for {@code user}.
   */
  static LocalRegistry start(Path tmp, Optional<String> password) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, Object> http = new TreeMap<>(Map.of("addr", "127.0.0.1:" + port));
    Map<String, Object> config =
        new TreeMap<>(
            Map.of(
                "version",
                "0.1",
                "storage",
                Map.of("filesystem", Map.of("rootdirectory", tmp.resolve("storage").toString())),
                "http",
                http));
    if (password.isPresent()) {
      run(
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
          "-keyout",
          tmp.resolve("key.pem").toString(),
          "-out",
          tmp.resolve("cert.pem").toString());
      String line = run("htpasswd", "-Bbn", "user", password.get()).strip();
      Files.writeString(tmp.resolve("htpasswd"), line + "\n");
      http.put(
          "tls",
          Map.of(
              "certificate", tmp.resolve("cert.pem").toString(),
              "key", tmp.resolve("key.pem").toString()));
      config.put(
          "auth",
          Map.of(
              "htpasswd", Map.of("realm", "s2c-test", "path", tmp.resolve("htpasswd").toString())));
    }
    Path file = tmp.resolve("registry.yml");
    Files.writeString(file, YamlOutput.write(config));
    Process process =
        new ProcessBuilder(PROGRAM, "serve", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(tmp, process, port);
    for (int i = 0; i < 100; i++) {
      try {
        new java.net.Socket("127.0.0.1", port).close();
        return registry;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    registry.close();
    throw new IllegalStateException(
        "the registry did not start: " + Files.readString(tmp.resolve("registry.log")));
  }

  int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>} */
  String host() {
    return "127.0.0.1:" + port;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  /** A GET of the registry API over plain HTTP, accepting OCI manifests and indexes. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://" + host() + path))
                .header(
                    "Accept",
                    "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json")
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A stand-in static file server image, made here (no public registry is reachable): scratch plus
   * one file, pinned by digest.
   */
  String staticBase(Optional<ImageBuilder.Credentials> credentials) throws Exception {
    Path server = Files.writeString(tmp.resolve("serve"), "#!/bin/sh\n# serves /srv/www\n");
    String digest =
        new ImageBuilder(credentials, true, tmp.resolve("cache"))
            .build(
                new ImageSpec(
                    "base",
                    host() + "/base/static:1",
                    "scratch",
                    "linux/amd64",
                    List.of(new ImageSpec.FileEntry(server, "/usr/bin/serve", true)),
                    List.of("/usr/bin/serve"),
                    "/",
                    List.of(),
                    new TreeMap<>()));
    return host() + "/base/static@" + digest;
  }

  /** The config blob of an image pinned by digest ({@code host/repo@sha256:…}). */
  tools.jackson.databind.JsonNode config(String pinned) throws Exception {
    String repository = pinned.substring(pinned.indexOf('/') + 1, pinned.indexOf('@'));
    String digest = pinned.substring(pinned.indexOf('@') + 1);
    var manifest = YamlOutput.read(get("/v2/" + repository + "/manifests/" + digest).body());
    return YamlOutput.read(
        get("/v2/" + repository + "/blobs/" + manifest.path("config").path("digest").asString())
            .body());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
