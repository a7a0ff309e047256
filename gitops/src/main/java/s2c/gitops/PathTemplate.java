package s2c.gitops;

import java.util.regex.Pattern;

/** Where a render lives in the infra repo, e.g. {@code {scenario}/{env}/{provider}}. */
public record PathTemplate(String template) {
  public static final String DEFAULT = "{scenario}/{env}/{provider}";

  /** Where a tenant fan-out goes when the template is left at its default. */
  public static final String TENANT_DEFAULT = "{scenario}/{tenant}/{env}/{provider}";

  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$");

  public PathTemplate {
    String probe =
        template
            .replace("{scenario}", "s")
            .replace("{tenant}", "t")
            .replace("{env}", "e")
            .replace("{provider}", "p");
    if (!SAFE.matcher(probe).matches()
        || java.util.Arrays.stream(probe.split("/")).anyMatch(PathTemplate::reserved)) {
      throw new IllegalArgumentException(
          "path template must be relative segments of letters, digits, '-', '_', '.' and "
              + "{scenario}, {tenant}, {env}, {provider}, none of them '.', '..' or '.git': "
              + template);
    }
  }

  /** Segments git or the file system read specially: a render there is never published. */
  private static boolean reserved(String segment) {
    return segment.equals(".") || segment.contains("..") || segment.equalsIgnoreCase(".git");
  }

  public String expand(String scenario, String env, String provider) {
    if (hasTenant()) {
      throw new IllegalStateException("a template with {tenant} needs the tenant: " + template);
    }
    return expand(scenario, "", env, provider);
  }

  public String expand(String scenario, String tenant, String env, String provider) {
    return template
        .replace("{scenario}", scenario)
        .replace("{tenant}", tenant)
        .replace("{env}", env)
        .replace("{provider}", provider);
  }

  public boolean hasTenant() {
    return template.contains("{tenant}");
  }

  /**
   * Every directory this template gives {@code scenario} on {@code provider}, whatever the tenant
   * and environment: the directories a fan-out owns.
   */
  public java.util.function.Predicate<String> anyTenant(String scenario, String provider) {
    StringBuilder regex = new StringBuilder();
    java.util.regex.Matcher m =
        Pattern.compile("\\{(scenario|tenant|env|provider)\\}").matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      regex.append(
          switch (m.group(1)) {
            case "scenario" -> Pattern.quote(scenario);
            case "provider" -> Pattern.quote(provider);
            default -> "[a-z0-9][a-z0-9-]*";
          });
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    Pattern p = Pattern.compile(regex.toString());
    return dir -> p.matcher(dir).matches();
  }
}
