package s2c.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import s2c.gitops.PublishException;
import s2c.server.ApiServer;

/**
 * {@code serve}: the HTTP API deployment-manager calls (compile, publish, deployments, providers,
 * health).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the HTTP API. POST calls need 'Authorization: Bearer $S2C_API_TOKEN'.")
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Mixin RepoOptions repo;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "8095",
      description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "8388608",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--threads",
      defaultValue = "4",
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--report-url",
      description =
          "deployment-manager's telemetry endpoint: the only place the S2C_REPORT_TOKEN "
              + "credential is sent (https, or http to loopback); a bundle's telemetry.upload_url gets reports without it.")
  String reportUrl;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String token = System.getenv("S2C_API_TOKEN");
    if (token == null || token.length() < 16) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "serve needs S2C_API_TOKEN (16+ characters) in the environment");
    }
    String url;
    try {
      url = repo.url();
    } catch (PublishException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.PUBLISH_FAILED;
    }
    ApiServer started;
    try {
      started =
          new ApiServer(
              new ApiServer.Config(
                  bind,
                  port,
                  token,
                  maxRequestBytes,
                  url,
                  repo.branch(),
                  repo.template(),
                  repo.access(),
                  threads,
                  java.util.Optional.ofNullable(reportUrl)));
    } catch (java.net.BindException e) {
      spec.commandLine()
          .getErr()
          .println(
              "error: cannot listen on "
                  + bind
                  + ":"
                  + port
                  + ": "
                  + e.getMessage()
                  + " (another process uses the port; pick another with --port, or 0 for a free one)");
      return Main.USAGE;
    }
    try (ApiServer server = started.start()) {
      spec.commandLine()
          .getOut()
          .println(
              "serving on http://"
                  + bind
                  + ":"
                  + server.port()
                  + " (repo "
                  + s2c.gitops.Redaction.redact(url)
                  + ")");
      spec.commandLine().getOut().flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return Main.OK;
  }
}
