package s2c.gitops;

import org.eclipse.jgit.lib.PersonIdent;

/**
 * Who commits: {@code S2C_GIT_AUTHOR_NAME} / {@code S2C_GIT_AUTHOR_EMAIL}, else scenario-to-cloud.
 */
final class Identity {
  private Identity() {}

  static PersonIdent fromEnvironment() {
    String name = System.getenv().getOrDefault("S2C_GIT_AUTHOR_NAME", "scenario-to-cloud");
    String email =
        System.getenv().getOrDefault("S2C_GIT_AUTHOR_EMAIL", "scenario-to-cloud@localhost");
    return new PersonIdent(name, email);
  }
}
