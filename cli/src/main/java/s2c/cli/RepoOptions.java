package s2c.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import s2c.gitops.DefaultRepository;
import s2c.gitops.GitAccess;
import s2c.gitops.PathTemplate;
import s2c.gitops.PublishException;

/**
 * Which infra repository, branch and directory layout; credentials come from the environment only.
 */
final class RepoOptions {
  @Option(
      names = "--repo",
      paramLabel = "URL",
      description =
          "Infra repository: file://, ssh:// or https:// (default: the local bare repo .s2c/infra.git, created on first use).")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      description = "Branch to publish to (default: main).")
  String branch;

  @Option(
      names = "--base-branch",
      paramLabel = "NAME",
      defaultValue = "main",
      description = "Branch a new --branch starts from (default: ${DEFAULT-VALUE}).")
  String baseBranch;

  @Option(
      names = "--path-template",
      paramLabel = "TEMPLATE",
      defaultValue = PathTemplate.DEFAULT,
      converter = PathTemplateConverter.class,
      description = "Directory of the render in the repo (default: ${DEFAULT-VALUE}).")
  PathTemplate pathTemplate;

  /** A bad template is a usage error at parse time (exit 2), before anything is cloned. */
  static final class PathTemplateConverter
      implements picocli.CommandLine.ITypeConverter<PathTemplate> {
    @Override
    public PathTemplate convert(String value) {
      try {
        return new PathTemplate(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "20",
      description = "Pushes tried when others push first (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  String url() throws PublishException {
    return repo != null ? repo : DefaultRepository.ensure(Path.of(""));
  }

  String branch() {
    return branch != null ? branch : baseBranch;
  }

  boolean reviewBranch() {
    return branch != null && !branch.equals(baseBranch);
  }

  PathTemplate template() {
    return pathTemplate;
  }

  GitAccess access() {
    return GitAccess.fromEnvironment(System.getenv());
  }
}
