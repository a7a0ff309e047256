package s2c.golden.injection;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import s2c.spi.RenderedTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where a marker from input shows up in a render, it must be data in the language of that file: a
 * {@code !unsafe} scalar in Ansible variables, a single-quoted word in shell, an escaped string in
 * HCL, one scalar in a single-document YAML or JSON file; nowhere in templates, roles, Caddy sites
 * or Makefiles (which no input may reach). Each violation is returned as a sentence.
 */
final class Inertness {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Inertness() {}

  static List<String> violations(RenderedTree tree, String marker) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
      String path = e.getKey();
      String text = new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8);
      if (!text.contains(marker)) {
        continue;
      }
      if (path.endsWith("README.md")) {
        continue; // documentation for reviewers: shown, never run
      } else if (path.equals("ansible/group_vars/all.yml")) {
        ansibleVars(path, text, marker, out);
      } else if (path.endsWith(".tf")) {
        hcl(path, text, marker, out);
      } else if (path.endsWith(".sh")) {
        shell(path, text, marker, out);
      } else if (path.contains("/templates/")
          || path.startsWith("ansible/roles/")
          || path.endsWith(".caddy")
          || path.endsWith("Makefile")
          || path.endsWith(".cfg")
          || path.endsWith(".tpl")
          || path.endsWith(".j2")) {
        out.add(
            path + ": input reached a template or configuration file that only the target writes");
      } else if (path.endsWith(".yaml") || path.endsWith(".yml")) {
        yaml(path, text, marker, out);
      } else if (path.endsWith(".json")) {
        keysAreNotInput(path, JSON.readTree(text), marker, out);
      } else {
        out.add(path + ": input reached a file the injection test does not know how to check");
      }
    }
    return out;
  }

  /** Every scalar holding the marker carries Ansible's !unsafe tag, so Jinja never evaluates it. */
  private static void ansibleVars(String path, String text, String marker, List<String> out) {
    LoadSettings settings = LoadSettings.builder().build();
    Composer composer =
        new Composer(
            settings, new ParserImpl(settings, new StreamReader(settings, new StringReader(text))));
    Node root = composer.getSingleNode().orElseThrow();
    walk(
        root,
        node -> {
          if (node instanceof ScalarNode s
              && s.getValue().contains(marker)
              && !s.getTag().getValue().equals("!unsafe")) {
            out.add(
                path
                    + ": a scalar with input is not tagged !unsafe (tag "
                    + s.getTag().getValue()
                    + ")");
          }
        });
  }

  private static void walk(Node node, java.util.function.Consumer<Node> visit) {
    visit.accept(node);
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        walk(t.getKeyNode(), visit);
        walk(t.getValueNode(), visit);
      }
    } else if (node instanceof SequenceNode s) {
      s.getValue().forEach(n -> walk(n, visit));
    }
  }

  /**
   * In HCL, "${" and "%{" start live code unless escaped as "$${" / "%%{": a line holding input
   * must have no live sequence.
   */
  private static void hcl(String path, String text, String marker, List<String> out) {
    Pattern live = Pattern.compile("(?<!\\$)\\$\\{|(?<!%)%\\{");
    for (String line : text.split("\n")) {
      if (line.contains(marker)
          && live.matcher(line.replace("$${", "").replace("%%{", "")).find()) {
        out.add(path + ": a live template sequence on a line with input: " + line.strip());
      }
    }
  }

  /** Every occurrence of the marker is inside a single-quoted shell word. */
  private static void shell(String path, String text, String marker, List<String> out) {
    for (String line : text.split("\n")) {
      int at = line.indexOf(marker);
      while (at >= 0) {
        if (!insideSingleQuotes(line, at)) {
          out.add(path + ": input outside single quotes: " + line.strip());
          break;
        }
        at = line.indexOf(marker, at + 1);
      }
    }
  }

  static boolean insideSingleQuotes(String line, int index) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < index; i++) {
      char c = line.charAt(i);
      if (single) {
        single = c != '\'';
      } else if (c == '\\') {
        i++;
      } else if (c == '\'' && !dbl) {
        single = true;
      } else if (c == '"') {
        dbl = !dbl;
      }
    }
    return single;
  }

  /**
   * One document, the marker only in scalar values (a "---" or a key from input would show here).
   */
  private static void yaml(String path, String text, String marker, List<String> out) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    if (docs.size() != 1) {
      out.add(path + ": " + docs.size() + " YAML documents");
    }
    docs.forEach(d -> keysAreNotInput(path, d, marker, out));
  }

  private static void keysAreNotInput(String path, JsonNode node, String marker, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().contains(marker)) {
          out.add(path + ": input became a key: " + e.getKey());
        }
        keysAreNotInput(path, e.getValue(), marker, out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> keysAreNotInput(path, n, marker, out));
    }
  }
}
