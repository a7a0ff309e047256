package s2c.chart;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import sun.misc.Signal;

/**
 * Keeps the embedded Helm (a Go library in this process) from acting on its surroundings.
 *
 * <p>Offline: Helm's {@code template} answers {@code lookup} from the cluster of {@code KUBECONFIG}
 * (measured: helm-java sends {@code GET /api/v1} there), so before the library loads the process
 * environment points it at a kubeconfig whose only server is {@code 127.0.0.1:0}, which no
 * connection can reach, and the in-cluster variables are removed. The chart's templates never call
 * {@code lookup} and never see input as template text; this is the second wall.
 *
 * <p>Signals: loading the Go runtime replaces the JVM's SIGTERM/SIGINT/SIGHUP handlers (measured: a
 * process then sleeps through SIGTERM and exits 0). The runtime is loaded first by a version call,
 * the JVM's behaviour is put back at once and again after every use: the process exits with 128 +
 * the signal's number, running its shutdown hooks.
 */
final class HelmIsolation {
  private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");
  private static final List<String> CLUSTER_VARIABLES =
      List.of(
          "KUBERNETES_SERVICE_HOST",
          "KUBERNETES_SERVICE_PORT",
          "HELM_KUBECONTEXT",
          "HELM_KUBEAPISERVER",
          "HELM_KUBETOKEN",
          "HELM_KUBEASUSER",
          "HELM_KUBEASGROUPS",
          "HELM_KUBECAFILE");
  private static boolean environmentSet;

  /** The C library's environment functions: Go reads the process environment when it loads. */
  interface C extends Library {
    int setenv(String name, String value, int overwrite);

    int unsetenv(String name);
  }

  private HelmIsolation() {}

  /** Call before the first Helm call of the process (callers hold HelmCheck's lock). */
  static void beforeHelm() {
    if (environmentSet) {
      return;
    }
    C c = Native.load("c", C.class);
    c.setenv("KUBECONFIG", unreachableKubeconfig().toString(), 1);
    CLUSTER_VARIABLES.forEach(c::unsetenv);
    environmentSet = true;
    // load the Go runtime with the cheapest call, then take the signals back before real work:
    // a SIGTERM during lint or template must stop the process, not be swallowed
    com.marcnuri.helm.Helm.version().call();
    afterHelm();
  }

  /** Call after every Helm call: gives the JVM its signal handlers back. */
  static void afterHelm() {
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      int status = 128 + signal.getNumber();
      Signal.handle(
          signal, s -> new Thread(() -> System.exit(status), "s2c-signal-" + name).start());
    }
  }

  private static Path unreachableKubeconfig() {
    try {
      Path file =
          Files.createTempFile(
              "s2c-no-cluster-",
              ".kubeconfig",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: none
              cluster: {server: "https://127.0.0.1:0"}
          contexts:
            - name: none
              context: {cluster: none, user: none}
          current-context: none
          users:
            - name: none
              user: {}
          """);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
