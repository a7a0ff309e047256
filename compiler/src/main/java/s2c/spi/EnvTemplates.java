package s2c.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.model.Deployment;

/**
 * The bundle's env templates: {@code ${service.port}} and {@code ${data}}. Targets supply what each
 * resolves to; the compiler checks that every reference exists.
 */
public final class EnvTemplates {
  public static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  private EnvTemplates() {}

  /** What a target substitutes for a reference. */
  public interface Resolver {
    String servicePort(String serviceId, String portName, boolean loopbackHost);

    String dataDir();
  }

  public static List<String> references(String value) {
    List<String> refs = new ArrayList<>();
    Matcher m = REFERENCE.matcher(value);
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }

  /**
   * Replaces references. A desktop URL such as {@code http://127.0.0.1:${api.http}} has its
   * loopback host folded into the reference, because in the cloud the other service is on another
   * host.
   */
  public static String resolve(String value, Resolver resolver) {
    Pattern hostAndRef =
        Pattern.compile("(?:127\\.0\\.0\\.1|localhost):\\$\\{([^}.]+)\\.([^}]+)}|\\$\\{([^}]*)}");
    Matcher m = hostAndRef.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = resolver.servicePort(m.group(1), m.group(2), true);
      } else if ("data".equals(m.group(3))) {
        replacement = resolver.dataDir();
      } else {
        String ref = m.group(3);
        int dot = ref.indexOf('.');
        replacement =
            dot > 0
                ? resolver.servicePort(ref.substring(0, dot), ref.substring(dot + 1), false)
                : m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Resolves against a deployment, the way every target does: a port reference becomes the port's
   * number (0 for one the compiler refused), prefixed with {@code hostOf(serviceId) + ":"} where
   * the template named a loopback host; {@code ${data}} becomes {@code dataDir}.
   */
  public static String resolve(
      String value, Deployment d, UnaryOperator<String> hostOf, String dataDir) {
    return resolve(
        value,
        new Resolver() {
          @Override
          public String servicePort(String serviceId, String portName, boolean loopbackHost) {
            String port =
                d.service(serviceId)
                    .flatMap(x -> x.port(portName))
                    .map(p -> String.valueOf(p.number()))
                    .orElse("0");
            return loopbackHost ? hostOf.apply(serviceId) + ":" + port : port;
          }

          @Override
          public String dataDir() {
            return dataDir;
          }
        });
  }
}
