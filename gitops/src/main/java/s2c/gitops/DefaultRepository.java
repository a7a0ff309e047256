package s2c.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The embedded default infra repository: a local bare repo at {@code .s2c/infra.git}, created on
 * first use.
 */
public final class DefaultRepository {
  public static final Path LOCATION = Path.of(".s2c", "infra.git");

  private DefaultRepository() {}

  public static String ensure(Path base) throws PublishException {
    Path dir = base.resolve(LOCATION).toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("HEAD"))) {
      try {
        Files.createDirectories(dir);
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
      } catch (IOException | GitAPIException e) {
        throw new PublishException("cannot create the default infra repository " + dir, e);
      }
    }
    return dir.toUri().toString();
  }
}
