package s2c.gitops;

import java.util.regex.Pattern;

/** Where a render lives in the infra repo, e.g. {@code {scenario}/{env}/{provider}}. */
public record PathTemplate(String template) {
  public static final String DEFAULT = "{scenario}/{env}/{provider}";
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$");

  public PathTemplate {
    String probe = template.replace("{scenario}", "s").replace("{env}", "e").replace("{provider}", "p");
    if (!SAFE.matcher(probe).matches() || probe.contains("..")) {
      throw new IllegalArgumentException("path template must be relative segments of letters, digits, '-', '_', '.' and "
          + "{scenario}, {env}, {provider}: " + template);
    }
  }

  public String expand(String scenario, String env, String provider) {
    return template.replace("{scenario}", scenario).replace("{env}", env).replace("{provider}", provider);
  }
}
