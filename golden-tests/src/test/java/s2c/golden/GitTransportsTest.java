package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.http.AppServer;
import org.eclipse.jgit.junit.http.SimpleHttpServer;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.gitops.DeploymentRecord;
import s2c.gitops.GitAccess;
import s2c.gitops.History;
import s2c.gitops.PublishException;
import s2c.gitops.PublishOutcome;
import s2c.gitops.Publisher;
import s2c.pipeline.CompileResult;

/**
 * Publishing over real transports on 127.0.0.1: smart HTTP with basic auth (jgit's HTTP test
 * server: GitServlet behind Jetty) and SSH with a key (jgit's Apache MINA SSH test server).
 */
class GitTransportsTest {
  @TempDir Path tmp;

  @Test
  void smartHttpWithBasicAuth() throws Exception {
    try (Repository repo = GitFixtures.bare(tmp.resolve("infra.git"))) {
      SimpleHttpServer server = new SimpleHttpServer(repo);
      server.start();
      try {
        String url = server.getUri().toString();
        GitAccess good =
            new GitAccess(
                Optional.of(AppServer.username),
                Optional.of(AppServer.password),
                Optional.empty(),
                Optional.empty());
        CompileResult render = GitFixtures.pickerWheel();

        PublishOutcome first = new Publisher().publish(GitFixtures.request(url, good, render));
        assertThat(first.unchanged()).isFalse();
        assertThat(new Publisher().publish(GitFixtures.request(url, good, render)).unchanged())
            .isTrue();
        PublishOutcome changed =
            new Publisher()
                .publish(
                    GitFixtures.request(
                        url, good, GitFixtures.pickerWheel("services.ui.replicas=2")));
        assertThat(changed.unchanged()).isFalse();
        List<DeploymentRecord> history =
            History.read(url, "main", "picker-wheel", Optional.of("dev"), Optional.empty(), good);
        assertThat(history)
            .extracting(DeploymentRecord::commit)
            .containsExactly(changed.commitId(), first.commitId());

        GitAccess wrong =
            new GitAccess(
                Optional.of(AppServer.username),
                Optional.of("not-the-password-xyz"),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> new Publisher().publish(GitFixtures.request(url, wrong, render)))
            .isInstanceOf(PublishException.class)
            .hasMessageContaining("cannot clone")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password-xyz"));
        GitAccess none = GitAccess.none();
        assertThatThrownBy(() -> new Publisher().publish(GitFixtures.request(url, none, render)))
            .isInstanceOf(PublishException.class);

        // credentials never land in the repository
        GitFixtures.assertFsckClean(tmp.resolve("infra.git"));
        assertThat(GitFixtures.git(tmp.resolve("infra.git"), "log", "-p", "--all"))
            .doesNotContain(AppServer.password);
        assertThat(Files.readString(tmp.resolve("infra.git/config")))
            .doesNotContain(AppServer.password);
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void sshWithAKeyAndKnownHosts() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair user = generator.generateKeyPair();
    KeyPair host = generator.generateKeyPair();
    Path key = tmp.resolve("id_rsa");
    try (OutputStream out = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(user, "s2c-test", null, out);
    }
    try (Repository repo = GitFixtures.bare(tmp.resolve("infra.git"))) {
      SshTestGitServer server = new SshTestGitServer("git", user.getPublic(), repo, host);
      int port = server.start();
      try {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(
            knownHosts,
            "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(host.getPublic()) + "\n",
            StandardCharsets.UTF_8);
        String url = "ssh://git@127.0.0.1:" + port + "/infra.git";
        GitAccess access =
            new GitAccess(
                Optional.empty(), Optional.empty(), Optional.of(key), Optional.of(knownHosts));
        CompileResult render = GitFixtures.pickerWheel();

        assertThat(new Publisher().publish(GitFixtures.request(url, access, render)).unchanged())
            .isFalse();
        assertThat(new Publisher().publish(GitFixtures.request(url, access, render)).unchanged())
            .isTrue();
        assertThat(GitFixtures.git(tmp.resolve("infra.git"), "log", "-1", "--format=%B"))
            .contains("S2C-Scenario: picker-wheel");

        // an unknown host key is refused, not trusted on first use
        Path empty = tmp.resolve("empty_known_hosts");
        Files.writeString(empty, "");
        GitAccess untrusted =
            new GitAccess(Optional.empty(), Optional.empty(), Optional.of(key), Optional.of(empty));
        assertThatThrownBy(
                () -> new Publisher().publish(GitFixtures.request(url, untrusted, render)))
            .isInstanceOf(PublishException.class);
        GitFixtures.assertFsckClean(tmp.resolve("infra.git"));
      } finally {
        server.stop();
      }
    }
  }
}
