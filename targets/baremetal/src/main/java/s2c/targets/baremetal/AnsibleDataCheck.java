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
 * on purpose. A hand edit or a future change that writes a plain string is an error. Also: every
 * secret the deploy reads from the environment is in ci-secrets.txt, which the emitted CI exports
 * (S2C096).
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
        if (name.equals("s2c_input_secrets")) {
          checkCiSecrets(variable.getValueNode(), tree, root, out);
        }
      }
    }
    return out;
  }

  /**
   * Every env the deploy reads a secret from is listed in ci-secrets.txt: the emitted CI exports
   * exactly those names, so one missing there fails the deploy in CI (a hand edit, or a change that
   * writes one file and not the other).
   */
  private static void checkCiSecrets(
      Node inputs, RenderedTree tree, String root, List<Diagnostic> out) {
    String listedText = tree.text(BaremetalTarget.SECRET_NAMES);
    java.util.Set<String> listed =
        listedText == null
            ? java.util.Set.of()
            : new java.util.HashSet<>(listedText.lines().map(String::strip).toList());
    if (!(inputs instanceof SequenceNode secrets)) {
      return;
    }
    for (Node secret : secrets.getValue()) {
      if (!(secret instanceof MappingNode fields)) {
        continue;
      }
      for (NodeTuple field : fields.getValue()) {
        if (((ScalarNode) field.getKeyNode()).getValue().equals("env")
            && field.getValueNode() instanceof ScalarNode env
            && !listed.contains(env.getValue())) {
          int line = env.getStartMark().map(m -> m.getLine() + 1).orElse(0);
          int column = env.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
          out.add(
              Diagnostic.error(
                  Codes.CI_SECRET_UNLISTED,
                  new SourceLocation(root + FILE, line, column, ""),
                  "the deploy reads secret "
                      + env.getValue()
                      + " from the environment, but "
                      + BaremetalTarget.SECRET_NAMES
                      + " does not list it: the infra repository's CI would not export it",
                  "render again instead of editing either file"));
        }
      }
    }
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
