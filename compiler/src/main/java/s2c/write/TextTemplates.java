package s2c.write;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mustache for plain text files only (scripts, README, Makefile). Structured formats go through
 * their writers. Escaping is off: templates emit shell and Markdown, and every value passed in is a
 * validated identifier or text the target has already quoted for its context.
 */
public final class TextTemplates {
  private static final Map<String, Mustache> CACHE = new ConcurrentHashMap<>();

  private TextTemplates() {}

  /** A text resource that ships beside {@code owner} (static templates, roles, chart files). */
  public static String resource(Class<?> owner, String name) {
    String path = "/" + owner.getPackageName().replace('.', '/') + "/" + name;
    try (java.io.InputStream in = owner.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String render(Class<?> owner, String resource, Object scope) {
    Mustache template =
        CACHE.computeIfAbsent(
            owner.getName() + "/" + resource,
            key -> {
              MustacheFactory factory =
                  new DefaultMustacheFactory(owner.getPackageName().replace('.', '/')) {
                    @Override
                    public void encode(String value, Writer writer) {
                      try {
                        writer.write(value);
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  };
              return factory.compile(resource);
            });
    StringWriter out = new StringWriter();
    template.execute(out, scope);
    return out.toString();
  }
}
