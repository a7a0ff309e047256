package s2c.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;

/**
 * The scenario directory as git sees it (the commit an image is built from, where that commit can
 * be fetched) and a clean copy of it to run the scenario's setup steps in, so a build neither
 * writes into the user's tree nor picks up what an earlier build or install left there.
 */
public final class ScenarioSource {
  /** Dependency trees a setup step installs again; copying them would only carry stale state. */
  private static final Set<String> NOT_COPIED = Set.of(".git", "node_modules");

  /**
   * @param commit HEAD, when the directory is in a git work tree with a commit
   * @param remote origin's URL without credentials
   * @param dirty tracked files under the directory differ from HEAD: a revision label would lie
   */
  public record Revision(Optional<String> commit, Optional<String> remote, boolean dirty) {
    static final Revision NONE = new Revision(Optional.empty(), Optional.empty(), false);
  }

  private ScenarioSource() {}

  public static Revision revision(Path dir) {
    try (Repository repo = open(dir)) {
      if (repo == null) {
        return Revision.NONE;
      }
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        return Revision.NONE;
      }
      String remote = repo.getConfig().getString("remote", "origin", "url");
      return new Revision(
          Optional.of(head.name()),
          Optional.ofNullable(remote).flatMap(ScenarioSource::withoutCredentials),
          !clean(repo, relative(repo, dir)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the directory into {@code out/.build} (emptied first): in a git work tree the files git
   * tracks, as they are in the work tree (so an edit not yet committed is built, and what is
   * ignored — dependencies, earlier output, local env files — is not); otherwise the directory
   * without {@code .git}, {@code node_modules} and {@code out} itself. Symbolic links stay links,
   * so the image planner still sees where they go.
   */
  public static Path cleanCopy(Path dir, Path out) {
    Path into = out.resolve(".build");
    try {
      delete(into);
      Files.createDirectories(into);
      try (Repository repo = open(dir)) {
        if (repo == null) {
          copyTree(dir, into, out);
        } else {
          copyTracked(repo, relative(repo, dir), into);
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Repository open(Path dir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    return builder.getGitDir() == null ? null : builder.setMustExist(true).build();
  }

  private static String relative(Repository repo, Path dir) throws IOException {
    Path top = repo.getWorkTree().toPath().toRealPath();
    return top.relativize(dir.toRealPath()).toString().replace('\\', '/');
  }

  /** No tracked change under {@code path}; untracked files (build output) do not count. */
  private static boolean clean(Repository repo, String path) {
    try (Git git = Git.wrap(repo)) {
      var status = git.status();
      if (!path.isEmpty()) {
        status.addPath(path);
      }
      Status s = status.call();
      return !s.hasUncommittedChanges();
    } catch (GitAPIException e) {
      return false;
    }
  }

  private static void copyTracked(Repository repo, String path, Path into) throws IOException {
    Path top = repo.getWorkTree().toPath();
    String prefix = path.isEmpty() ? "" : path + "/";
    DirCache index = repo.readDirCache();
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry entry = index.getEntry(i);
      String file = entry.getPathString();
      Path source = top.resolve(file);
      // a submodule (gitlink) is another repository: its build needs its own checkout
      if (!file.startsWith(prefix)
          || entry.getFileMode() == FileMode.GITLINK
          || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path target = into.resolve(file.substring(prefix.length()));
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static void copyTree(Path dir, Path into, Path out) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            if (!d.equals(dir) && NOT_COPIED.contains(d.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (d.startsWith(out)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(into.resolve(dir.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Files.copy(
                f,
                into.resolve(dir.relativize(f).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Optional<String> withoutCredentials(String url) {
    try {
      return Optional.of(new URIish(url).setUser(null).setPass(null).toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
