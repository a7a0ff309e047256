package s2c.gitops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How to authenticate to the infra repository, read from the environment only so that no credential
 * lands in a file, a flag visible in {@code ps}, a log or a commit:
 *
 * <ul>
 *   <li>https: {@code S2C_GIT_TOKEN} (sent as the password of user {@code S2C_GIT_USERNAME},
 *       default {@code x-access-token}), or {@code S2C_GIT_USERNAME} + {@code S2C_GIT_PASSWORD};
 *   <li>ssh: the private key in {@code S2C_SSH_KEY} (a file path), host keys from {@code
 *       S2C_SSH_KNOWN_HOSTS} (default {@code ~/.ssh/known_hosts}); unknown hosts are refused.
 * </ul>
 */
public record GitAccess(
    Optional<String> username,
    Optional<String> password,
    Optional<Path> sshKey,
    Optional<Path> knownHosts) {

  public static GitAccess none() {
    return new GitAccess(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static GitAccess fromEnvironment(Map<String, String> env) {
    Optional<String> token =
        Optional.ofNullable(env.get("S2C_GIT_TOKEN")).filter(s -> !s.isEmpty());
    Optional<String> user =
        Optional.ofNullable(env.get("S2C_GIT_USERNAME")).filter(s -> !s.isEmpty());
    Optional<String> password =
        token.or(() -> Optional.ofNullable(env.get("S2C_GIT_PASSWORD")).filter(s -> !s.isEmpty()));
    if (token.isPresent() && user.isEmpty()) {
      user = Optional.of("x-access-token");
    }
    return new GitAccess(
        user,
        password,
        Optional.ofNullable(env.get("S2C_SSH_KEY")).filter(s -> !s.isEmpty()).map(Path::of),
        Optional.ofNullable(env.get("S2C_SSH_KNOWN_HOSTS"))
            .filter(s -> !s.isEmpty())
            .map(Path::of));
  }

  /**
   * Refuses what would leak a credential or fail obscurely: a URL that names no host, and a user
   * name and password sent over plain http to anything but a loopback address.
   */
  public void checkTransport(String url) throws PublishException {
    if (url.startsWith("file:") || url.matches("^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+:.*")) {
      return; // a local path, or scp-like ssh (git@host:path)
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new PublishException(
          "not a repository URL: " + Redaction.redact(url) + " (" + e.getReason() + ")");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!List.of("http", "https", "ssh", "git").contains(scheme) || uri.getHost() == null) {
      throw new PublishException(
          "not a repository URL: "
              + Redaction.redact(url)
              + " (use file://, ssh://, git@host:path or https:// with a host)");
    }
    String host = uri.getHost();
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    if (scheme.equals("http")
        && !loopback
        && (credentials().isPresent() || uri.getUserInfo() != null)) {
      throw new PublishException(
          "refusing to send git credentials over plain http to "
              + host
              + ": use https:// (http is accepted for loopback test servers only)");
    }
  }

  /** Configures one jgit transport command (clone, fetch, push). */
  public <C extends TransportCommand<C, ?>> C apply(C command) {
    credentials().ifPresent(command::setCredentialsProvider);
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory());
          }
        });
    command.setTimeout(60);
    return command;
  }

  private Optional<CredentialsProvider> credentials() {
    if (username.isPresent() && password.isPresent()) {
      return Optional.of(new UsernamePasswordCredentialsProvider(username.get(), password.get()));
    }
    return Optional.empty();
  }

  private SshdSessionFactory sshFactory() {
    Path home = Path.of(System.getProperty("user.home"));
    Path sshDir = home.resolve(".ssh");
    Path hosts = knownHosts.orElse(sshDir.resolve("known_hosts"));
    SshdSessionFactoryBuilder builder =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home.toFile())
            .setSshDirectory(sshDir.toFile())
            .setDefaultKnownHostsFiles(dir -> List.of(hosts))
            .setPreferredAuthentications("publickey")
            // ~/.ssh/config is ignored: the environment says everything, so CI and laptops behave
            // alike
            .setConfigStoreFactory((h, f, u) -> null);
    sshKey
        .filter(Files::isRegularFile)
        .ifPresent(key -> builder.setDefaultIdentities(dir -> List.of(key)));
    return builder.build(null);
  }
}
