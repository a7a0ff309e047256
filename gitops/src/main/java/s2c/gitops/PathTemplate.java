package s2c.gitops;

import java.util.regex.Pattern;

/** Where a render lives in the infra repo, e.g. {@code {scenario}/{env}/{provider}}. */
public record PathTemplate(String template) {
  public static final String DEFAULT = "{scenario}/{env}/{provider}";
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$");

  public PathTemplate {
    String probe =
        template.replace("{scenario}", "s").replace("{env}", "e").replace("{provider}", "p");
    if (!SAFE.matcher(probe).matches()
        || java.util.Arrays.stream(probe.split("/")).anyMatch(PathTemplate::reserved)) {
      throw new IllegalArgumentException(
          "path template must be relative segments of letters, digits, '-', '_', '.' and "
              + "{scenario}, {env}, {provider}, none of them '.', '..' or '.git': "
              + template);
    }
  }

  /** Segments git or the file system read specially: a render there is never published. */
  private static boolean reserved(String segment) {
    return segment.equals(".") || segment.contains("..") || segment.equalsIgnoreCase(".git");
  }

  public String expand(String scenario, String env, String provider) {
    return template
        .replace("{scenario}", scenario)
        .replace("{env}", env)
        .replace("{provider}", provider);
  }
}
