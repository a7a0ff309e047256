package s2c.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.testing.TestPaths;

/**
 * A fresh Debian 12 host for end-to-end tests: a minbase root (mmdebstrap, cached under target/)
 * booted by systemd-nspawn with systemd as PID 1, in a network namespace of its own with a unique
 * /30 (so its sshd, postgres, redis and Caddy never meet another run's) and NAT for apt. Reached by
 * ssh as root with a key made for the run. {@link #close()} powers it off and removes the
 * namespace, the veth pair, the NAT table and the root, also after a failed test.
 */
final class FreshHost implements AutoCloseable {
  static final List<String> TOOLS =
      List.of(
          "/usr/bin/mmdebstrap",
          "/usr/bin/systemd-nspawn",
          "/usr/sbin/nft",
          "/usr/sbin/ip",
          "/usr/bin/ssh",
          "/usr/bin/ssh-keygen",
          "/usr/bin/ansible-playbook");
  private static final String PACKAGES =
      "systemd,systemd-sysv,dbus,openssh-server,python3,iproute2";
  private static final SecureRandom RANDOM = new SecureRandom();

  final String name;
  final String address;
  final Path dir;
  final Path knownHosts;
  final Path userKey;
  private final Process nspawn;

  private FreshHost(String name, String address, Path dir, Path userKey, Process nspawn) {
    this.name = name;
    this.address = address;
    this.dir = dir;
    this.userKey = userKey;
    this.knownHosts = dir.resolve("known_hosts");
    this.nspawn = nspawn;
  }

  /** Why fresh hosts cannot be booted here, if they cannot. */
  static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("booting a fresh host needs root");
    }
    for (String tool : TOOLS) {
      if (!Files.isExecutable(Path.of(tool))) {
        return Optional.of(tool + " is not installed (.ci/run installs it)");
      }
    }
    return Optional.empty();
  }

  /**
   * Boots a host from the cached root; {@code userKey} is the private key whose .pub may log in as
   * root.
   */
  static FreshHost boot(Path work, Path userKey) throws Exception {
    Path tarball = rootTarball();
    String id = HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);
    String name = "s2c" + id;
    Path dir = Files.createDirectories(work.resolve(name));
    Path root = dir.resolve("root");
    Files.createDirectories(root);
    sh("tar -C " + root + " -xf " + tarball);
    // a /30 of its own: 10.<200-249>.<0-255>.0, skipped when an interface of this machine already
    // uses it
    String prefix;
    do {
      prefix = "10." + (200 + RANDOM.nextInt(50)) + "." + RANDOM.nextInt(256) + ".";
    } while (sh("ip -br addr").out.contains(prefix));
    String gateway = prefix + "1";
    String address = prefix + "2";
    Process nspawn = null;
    try {
      sh(
          String.join(
              " && ",
              "ip netns add " + name,
              "ip link add " + name + "h type veth peer name " + name + "c",
              "ip link set " + name + "c netns " + name,
              "ip addr add " + gateway + "/30 dev " + name + "h",
              "ip link set " + name + "h up",
              "ip netns exec " + name + " ip addr add " + address + "/30 dev " + name + "c",
              "ip netns exec " + name + " ip link set " + name + "c up",
              "ip netns exec " + name + " ip link set lo up",
              "ip netns exec " + name + " ip route add default via " + gateway,
              "sysctl -qw net.ipv4.ip_forward=1",
              "nft add table ip " + name,
              "nft add chain ip " + name + " post '{ type nat hook postrouting priority 100 ; }'",
              "nft add rule ip " + name + " post ip saddr " + prefix + "0/30 masquerade"));
      // the host's own identity: a host key for this run, root's authorized key, name resolution
      sh(
          "rm -f "
              + root
              + "/etc/ssh/ssh_host_* && ssh-keygen -q -t ed25519 -N '' -f "
              + root
              + "/etc/ssh/ssh_host_ed25519_key");
      Files.createDirectories(root.resolve("root/.ssh"));
      Files.copy(Path.of(userKey + ".pub"), root.resolve("root/.ssh/authorized_keys"));
      Files.writeString(root.resolve("etc/hostname"), name + "\n");
      Files.writeString(
          root.resolve("etc/hosts"), "127.0.0.1 localhost " + name + "\n::1 localhost\n");
      Files.copy(
          Path.of("/etc/resolv.conf"),
          root.resolve("etc/resolv.conf"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String[] hostKey =
          Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub")).trim().split(" ");
      Files.writeString(
          dir.resolve("known_hosts"), address + " " + hostKey[0] + " " + hostKey[1] + "\n");
      nspawn =
          new ProcessBuilder(
                  "systemd-nspawn",
                  "-D",
                  root.toString(),
                  "-M",
                  name,
                  "--register=no",
                  "--keep-unit",
                  "--network-namespace-path=/run/netns/" + name,
                  "--boot")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("console.log").toFile())
              .start();
      FreshHost host = new FreshHost(name, address, dir, userKey, nspawn);
      for (int i = 0; i < 120; i++) {
        if (!nspawn.isAlive()) {
          throw new IllegalStateException(
              "systemd-nspawn exited: " + Files.readString(dir.resolve("console.log")));
        }
        if (host.ssh("systemctl is-system-running --wait >/dev/null 2>&1; true", 10).exit == 0) {
          return host;
        }
        Thread.sleep(500);
      }
      host.close();
      throw new IllegalStateException("fresh host " + name + " did not answer ssh within 60 s");
    } catch (Exception | Error e) {
      if (nspawn != null) {
        nspawn.descendants().forEach(ProcessHandle::destroyForcibly);
        nspawn.destroyForcibly();
      }
      teardown(name, dir);
      throw e;
    }
  }

  List<String> sshArgs() {
    return List.of(
        "-i",
        userKey.toString(),
        "-o",
        "BatchMode=yes",
        "-o",
        "UserKnownHostsFile=" + knownHosts,
        "-o",
        "ConnectTimeout=5");
  }

  Result ssh(String command, int timeoutSeconds) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    argv.addAll(sshArgs());
    argv.add("root@" + address);
    argv.add(command);
    return run(argv, timeoutSeconds);
  }

  @Override
  public void close() throws Exception {
    try {
      ssh("systemctl poweroff", 10);
      if (!nspawn.waitFor(30, TimeUnit.SECONDS)) {
        nspawn.descendants().forEach(ProcessHandle::destroyForcibly);
        nspawn.destroyForcibly();
        nspawn.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      teardown(name, dir);
    }
  }

  private static void teardown(String name, Path dir) throws Exception {
    sh(
        "ip netns del "
            + name
            + " 2>/dev/null; ip link del "
            + name
            + "h 2>/dev/null; nft delete table ip "
            + name
            + " 2>/dev/null; rm -rf "
            + dir
            + "; true");
  }

  /** The minbase root, built once per checkout (about a minute) and reused by every later run. */
  static synchronized Path rootTarball() throws Exception {
    Path cache = TestPaths.projectRoot().resolve("golden-tests/target/fresh-host");
    Files.createDirectories(cache);
    Path tarball =
        cache.resolve("bookworm-minbase-" + Integer.toHexString(PACKAGES.hashCode()) + ".tar");
    try (FileChannel lockFile =
            FileChannel.open(
                cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(tarball)) {
        Path partial = cache.resolve(tarball.getFileName() + ".partial");
        Result r =
            run(
                List.of(
                    "mmdebstrap",
                    "--quiet",
                    "--format=tar",
                    "--variant=minbase",
                    "--include=" + PACKAGES,
                    "bookworm",
                    partial.toString(),
                    mirror()),
                900);
        if (r.exit != 0) {
          throw new IllegalStateException("mmdebstrap failed: " + r.out);
        }
        Files.move(partial, tarball);
      }
    }
    return tarball;
  }

  /**
   * The Debian mirror this machine's apt uses (deb822 or one-line sources), else deb.debian.org.
   */
  private static String mirror() throws IOException {
    List<Path> sources = new ArrayList<>();
    Path dir = Path.of("/etc/apt/sources.list.d");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.sorted().forEach(sources::add);
      }
    }
    sources.add(Path.of("/etc/apt/sources.list"));
    Pattern deb822 = Pattern.compile("(?m)^URIs:\\s*(\\S+)\\s*$");
    Pattern oneLine = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+bookworm\\s");
    for (Path f : sources) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      String text = Files.readString(f);
      for (Pattern p : List.of(deb822, oneLine)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          if (!m.group(1).contains("security")) {
            return m.group(1);
          }
        }
      }
    }
    return "http://deb.debian.org/debian";
  }

  record Result(int exit, String out) {}

  static Result sh(String command) throws Exception {
    Result r = run(List.of("sh", "-c", command), 120);
    if (r.exit != 0) {
      throw new IllegalStateException(command + " failed: " + r.out);
    }
    return r;
  }

  /** Output goes to a file so the timeout fires even when a process hangs. */
  static Result run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("s2c-fresh-host-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      p.getOutputStream().close();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(
          done ? p.exitValue() : -1,
          out + (done ? "" : "\n[stopped after " + timeoutSeconds + " s]"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
