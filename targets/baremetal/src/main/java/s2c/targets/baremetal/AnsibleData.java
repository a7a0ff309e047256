package s2c.targets.baremetal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import s2c.write.YamlOutput;

/**
 * The encoder for Ansible variables files: every string is written with YAML's {@code !unsafe} tag,
 * so Ansible treats it as data and never evaluates {@code {{ }}}, {@code {% %}} or a {@code lookup}
 * in it. Only expressions the target wrote itself ({@link Jinja}) stay live.
 *
 * <p>Jackson's YAML generator drops tags on scalars, so this one file type is written with
 * snakeyaml-engine (the YAML library Jackson itself uses), in the same block layout.
 */
public final class AnsibleData {
  private static final Tag UNSAFE = new Tag("!unsafe");
  private static final DumpSettings SETTINGS =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2)
          .setIndicatorIndent(2)
          .setIndentWithIndicator(true)
          .setWidth(Integer.MAX_VALUE)
          .setSplitLines(false)
          .build();

  private AnsibleData() {}

  /**
   * A Jinja expression the target wrote on purpose (never built from input). Jackson passes it
   * through a conversion to maps untouched, so {@link #write} still knows it for what it is.
   */
  @tools.jackson.databind.annotation.JsonSerialize(using = Jinja.AsItself.class)
  public record Jinja(String expression) {
    static final class AsItself extends tools.jackson.databind.ser.std.StdSerializer<Jinja> {
      AsItself() {
        super(Jinja.class);
      }

      @Override
      public void serialize(
          Jinja value,
          tools.jackson.core.JsonGenerator gen,
          tools.jackson.databind.SerializationContext context) {
        gen.writeEmbeddedObject(value);
      }
    }
  }

  private record Unsafe(String text) {}

  /**
   * The variables as YAML, every string tagged {@code !unsafe}; map order as {@link YamlOutput}
   * keeps it.
   */
  public static String write(Map<String, Object> vars) {
    Dump dump = new Dump(SETTINGS, new Representer());
    String text = dump.dumpToString(mark(YamlOutput.stable(vars)));
    return text.endsWith("\n") ? text : text + "\n";
  }

  private static Object mark(Object value) {
    if (value instanceof String s) {
      return new Unsafe(s);
    }
    if (value instanceof Jinja j) {
      return j.expression();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out =
          map instanceof LinkedHashMap || map instanceof SortedMap
              ? new LinkedHashMap<>()
              : new TreeMap<>();
      map.forEach((k, v) -> out.put(k, mark(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      // a fresh list every time: the writer would turn a list it sees twice into an anchor and
      // alias
      List<Object> out = new java.util.ArrayList<>();
      list.forEach(v -> out.add(mark(v)));
      return out;
    }
    return value;
  }

  private static final class Representer extends StandardRepresenter {
    Representer() {
      super(SETTINGS);
      this.representers.put(
          Unsafe.class,
          data -> {
            String text = ((Unsafe) data).text();
            ScalarStyle style =
                text.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.DOUBLE_QUOTED;
            return representScalar(UNSAFE, text, style);
          });
    }
  }
}
