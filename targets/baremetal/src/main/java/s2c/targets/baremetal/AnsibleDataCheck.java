package s2c.targets.baremetal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;

/**
 * Output rule for the class of defect where input became Jinja: every string in the Ansible
 * variables file must carry the {@code !unsafe} tag, except the few expressions the target writes
 * on purpose. A hand edit or a future change that writes a plain string is an error.
 */
final class AnsibleDataCheck {
  static final String FILE = "ansible/group_vars/all.yml";

  /** Variables whose value is an expression the target writes itself (never input). */
  static final Set<String> TEMPLATED = Set.of("s2c_artifacts_dir");

  private AnsibleDataCheck() {}

  static List<Diagnostic> check(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    String text = tree.text(FILE);
    if (text == null) {
      return out;
    }
    LoadSettings settings = LoadSettings.builder().build();
    Node document;
    try {
      document =
          new Composer(
                  settings,
                  new ParserImpl(settings, new StreamReader(settings, new StringReader(text))))
              .getSingleNode()
              .orElse(null);
    } catch (RuntimeException e) {
      out.add(
          Diagnostic.error(
              Codes.TOOL_CHECK,
              SourceLocation.file(root + FILE),
              "not valid YAML: " + e.getMessage(),
              null));
      return out;
    }
    if (document instanceof MappingNode top) {
      for (NodeTuple variable : top.getValue()) {
        String name = ((ScalarNode) variable.getKeyNode()).getValue();
        if (!TEMPLATED.contains(name)) {
          walk(variable.getValueNode(), root, out);
        }
      }
    }
    return out;
  }

  private static void walk(Node node, String root, List<Diagnostic> out) {
    if (node instanceof ScalarNode s) {
      boolean string = s.getTag().equals(Tag.STR) || s.getTag().getValue().equals("!unsafe");
      if (string && !s.getTag().getValue().equals("!unsafe")) {
        int line = s.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        int column = s.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_INJECTION,
                new SourceLocation(root + FILE, line, column, ""),
                "a string Ansible would evaluate as Jinja: variables are data and carry the !unsafe tag",
                null));
      }
    } else if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        walk(t.getValueNode(), root, out);
      }
    } else if (node instanceof SequenceNode q) {
      q.getValue().forEach(n -> walk(n, root, out));
    }
  }
}
