package s2c.gitops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import s2c.write.TreeWriter;

/**
 * A private clone in a temporary directory: one per operation, so concurrent publishes never share
 * a working tree. Closing it deletes the directory.
 */
final class WorkingCopy implements AutoCloseable {
  private static final String PREFIX = "s2c-git-";
  private final Path holder;
  private final FileChannel lock;
  private final Path dir;
  private final Git git;
  private final GitAccess access;
  private final String branch;

  private WorkingCopy(Path holder, FileChannel lock, Git git, GitAccess access, String branch) {
    this.holder = holder;
    this.lock = lock;
    this.dir = holder.resolve("repo");
    this.git = git;
    this.access = access;
    this.branch = branch;
  }

  /**
   * Clones {@code url} and checks out {@code branch}, starting it from {@code base} or as an orphan
   * if needed.
   */
  static WorkingCopy open(String url, String branch, String base, GitAccess access)
      throws PublishException {
    return open(url, branch, base, access, true);
  }

  /**
   * As {@link #open(String, String, String, GitAccess)}; without {@code checkout} no file is
   * written: the caller builds its commit from objects (a fan-out of thousands of directories).
   */
  static WorkingCopy open(
      String url, String branch, String base, GitAccess access, boolean checkout)
      throws PublishException {
    access.checkTransport(url);
    removeAbandoned();
    Path holder;
    FileChannel lock;
    try {
      holder = Files.createTempDirectory(PREFIX);
      // the lock file appears under its name already locked: another process cleaning up must
      // never find it unlocked (it would take it for abandoned and delete a live working copy);
      // a rename keeps the lock, which belongs to the file, not to its name
      Path locking = holder.resolve(".lock.new");
      lock = FileChannel.open(locking, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lock.lock();
      Files.move(locking, holder.resolve(".lock"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new PublishException("cannot create a temporary working copy", e);
    }
    try {
      // init + fetch of every branch instead of a clone: a clone follows the remote's HEAD, which
      // in a plain `git init --bare` names a branch (master) that may not exist, and fails
      Git git =
          Git.init().setDirectory(holder.resolve("repo").toFile()).setInitialBranch(branch).call();
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url)).call();
      access
          .apply(
              git.fetch()
                  .setRemote("origin")
                  .setRefSpecs(
                      new org.eclipse.jgit.transport.RefSpec(
                          "+refs/heads/*:refs/remotes/origin/*")))
          .call();
      WorkingCopy copy = new WorkingCopy(holder, lock, git, access, branch);
      if (checkout) {
        copy.checkoutTip(base);
      }
      return copy;
    } catch (GitAPIException | IOException | RuntimeException | java.net.URISyntaxException e) {
      closeQuietly(lock);
      deleteQuietly(holder);
      throw new PublishException("cannot clone " + Redaction.redact(url), e);
    }
  }

  /**
   * Working copies of publishes that were killed: each live one holds an OS lock on its {@code
   * .lock} file for its whole life, so a directory whose lock can be taken has no owner left.
   */
  static void removeAbandoned() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path candidate : dirs) {
        Path lockFile = candidate.resolve(".lock");
        if (!Files.isRegularFile(lockFile)) {
          // killed between creating the directory and its lock: only old ones, a new one may be
          // starting
          if (Files.getLastModifiedTime(candidate).toMillis()
              < System.currentTimeMillis() - 10 * 60_000L) {
            deleteQuietly(candidate);
          }
          continue;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
          FileLock held = channel.tryLock();
          if (held != null) {
            held.release();
            deleteQuietly(candidate);
          }
        } catch (OverlappingFileLockException inUseHere) {
          // a publish of this process is using it
        }
      }
    } catch (IOException ignored) {
      // cleaning up is best effort; it never stops a publish
    }
  }

  Git git() {
    return git;
  }

  Path dir() {
    return dir;
  }

  /** The remote's tip of the branch, or empty when the branch does not exist there yet. */
  Optional<ObjectId> remoteTip(String name) throws IOException {
    return Optional.ofNullable(git.getRepository().resolve("refs/remotes/origin/" + name));
  }

  private void checkoutTip(String base) throws GitAPIException, IOException {
    Optional<ObjectId> tip = remoteTip(branch);
    Optional<ObjectId> start = tip.isPresent() ? tip : remoteTip(base);
    if (start.isPresent()) {
      // HEAD is the unborn branch the working copy was initialised with: point it at the start
      // commit and check the tree out
      org.eclipse.jgit.lib.RefUpdate update = git.getRepository().updateRef("refs/heads/" + branch);
      update.setNewObjectId(start.get());
      update.forceUpdate();
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(start.get().name()).call();
    }
    // else: a branch that does not exist yet; HEAD already names it, unborn, so the first commit
    // starts it
  }

  /** Fetches the remote's branches again (after a rejected push), touching no file. */
  void fetch() throws GitAPIException {
    access.apply(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)).call();
  }

  /** After a rejected push: fetch and move to the remote's new tip, dropping the local commit. */
  void resetToRemote() throws GitAPIException, IOException {
    access.apply(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)).call();
    Optional<ObjectId> tip = remoteTip(branch);
    if (tip.isPresent()) {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.get().name()).call();
    }
  }

  ObjectId head() throws IOException {
    return git.getRepository().resolve("HEAD");
  }

  /**
   * Makes {@code path} hold exactly {@code files} and stages it; true when that changed anything.
   */
  boolean replaceDirectory(String path, Map<String, byte[]> files)
      throws IOException, GitAPIException {
    Path target = dir.resolve(path);
    Map<Path, byte[]> kept = keptFiles(target);
    TreeWriter.deleteRecursively(target);
    for (Map.Entry<Path, byte[]> e : kept.entrySet()) {
      Files.createDirectories(e.getKey().getParent());
      Files.write(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path file = target.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
      if (e.getKey().endsWith(".sh")) {
        file.toFile().setExecutable(true, false);
      }
    }
    git.add().addFilepattern(path).call();
    git.add().addFilepattern(path).setUpdate(true).call();
    return !git.status().addPath(path).call().isClean();
  }

  /**
   * Files of a deployment directory that the infra repo's CI owns and a publish keeps: Terraform's
   * dependency lock file, created by the CI's first {@code terraform init} and committed there.
   */
  private static Map<Path, byte[]> keptFiles(Path target) throws IOException {
    Map<Path, byte[]> kept = new java.util.TreeMap<>();
    if (!Files.isDirectory(target)) {
      return kept;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(target)) {
      for (Path file :
          walk.filter(p -> p.getFileName().toString().equals(".terraform.lock.hcl")).toList()) {
        kept.put(file, Files.readAllBytes(file));
      }
    }
    return kept;
  }

  /** Writes a file at the repository root (CI pipelines) and stages it. */
  void writeRootFile(String path, byte[] content) throws IOException, GitAPIException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    git.add().addFilepattern(path).call();
  }

  boolean exists(String path) {
    return Files.exists(dir.resolve(path));
  }

  RevCommit commit(String message) throws GitAPIException {
    PersonIdent who = Identity.fromEnvironment();
    return git.commit()
        .setMessage(message)
        .setAuthor(who)
        .setCommitter(who)
        .setSign(false)
        .setAllowEmpty(false)
        .call();
  }

  @Override
  public void close() {
    git.close();
    closeQuietly(lock);
    deleteQuietly(holder);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      TreeWriter.deleteRecursively(dir);
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
