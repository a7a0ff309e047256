package s2c.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints an {@link HclBody} exactly as {@code terraform fmt} would leave it: two-space indents,
 * {@code =} aligned across runs of adjacent one-line attributes, blank lines around blocks and
 * multi-line values. Strings are escaped, including the template openers {@code ${} and
 * {@code %{}, so no input text is ever evaluated by Terraform.
 */
public final class HclWriter {
  private HclWriter() {}

  public static String write(HclBody body) {
    StringBuilder out = new StringBuilder();
    writeBody(body, 0, out);
    return out.toString();
  }

  private static void writeBody(HclBody body, int depth, StringBuilder out) {
    List<HclBody.Node> nodes = body.nodes();
    int i = 0;
    boolean first = true;
    while (i < nodes.size()) {
      HclBody.Node node = nodes.get(i);
      if (!first) {
        out.append('\n');
      }
      first = false;
      if (node instanceof HclBody.Block block) {
        writeBlock(block, depth, out);
        i++;
        continue;
      }
      HclBody.Attribute attr = (HclBody.Attribute) node;
      if (isMultiLine(attr.value())) {
        indent(depth, out).append(attr.name()).append(" = ");
        writeExpr(attr.value(), depth, out);
        out.append('\n');
        i++;
        continue;
      }
      // a run of one-line attributes, aligned on '='
      List<HclBody.Attribute> run = new ArrayList<>();
      while (i < nodes.size()
          && nodes.get(i) instanceof HclBody.Attribute a
          && !isMultiLine(a.value())) {
        run.add(a);
        i++;
      }
      int width = run.stream().mapToInt(a -> a.name().length()).max().orElse(0);
      for (HclBody.Attribute a : run) {
        indent(depth, out)
            .append(a.name())
            .append(" ".repeat(width - a.name().length()))
            .append(" = ");
        writeExpr(a.value(), depth, out);
        out.append('\n');
      }
    }
  }

  private static void writeBlock(HclBody.Block block, int depth, StringBuilder out) {
    indent(depth, out).append(block.type());
    for (String label : block.labels()) {
      out.append(' ');
      quote(label, out);
    }
    if (block.body().nodes().isEmpty()) {
      out.append(" {\n");
      indent(depth, out).append("}\n");
      return;
    }
    out.append(" {\n");
    writeBody(block.body(), depth + 1, out);
    indent(depth, out).append("}\n");
  }

  static boolean isMultiLine(HclExpr expr) {
    if (expr instanceof HclExpr.Obj obj) {
      return !obj.entries().isEmpty();
    }
    if (expr instanceof HclExpr.Tuple tuple) {
      return tuple.items().stream().anyMatch(HclWriter::isMultiLine);
    }
    if (expr instanceof HclExpr.Call call) {
      return call.args().stream().anyMatch(HclWriter::isMultiLine);
    }
    if (expr instanceof HclExpr.Access access) {
      return isMultiLine(access.base());
    }
    return false;
  }

  private static void writeExpr(HclExpr expr, int depth, StringBuilder out) {
    if (expr instanceof HclExpr.Str s) {
      quote(s.value(), out);
    } else if (expr instanceof HclExpr.Num n) {
      out.append(n.value().toPlainString());
    } else if (expr instanceof HclExpr.Bool b) {
      out.append(b.value());
    } else if (expr instanceof HclExpr.Null) {
      out.append("null");
    } else if (expr instanceof HclExpr.Ref r) {
      out.append(r.traversal());
    } else if (expr instanceof HclExpr.Access a) {
      writeExpr(a.base(), depth, out);
      out.append(a.path());
    } else if (expr instanceof HclExpr.Call c) {
      out.append(c.function()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        writeExpr(c.args().get(i), depth, out);
      }
      out.append(')');
    } else if (expr instanceof HclExpr.Tuple t) {
      if (isMultiLine(t)) {
        out.append("[\n");
        for (HclExpr item : t.items()) {
          indent(depth + 1, out);
          writeExpr(item, depth + 1, out);
          out.append(",\n");
        }
        indent(depth, out).append(']');
      } else {
        out.append('[');
        for (int i = 0; i < t.items().size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          writeExpr(t.items().get(i), depth, out);
        }
        out.append(']');
      }
    } else if (expr instanceof HclExpr.Obj o) {
      writeObject(o, depth, out);
    } else {
      throw new IllegalStateException("unknown expression " + expr);
    }
  }

  private static void writeObject(HclExpr.Obj obj, int depth, StringBuilder out) {
    if (obj.entries().isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    List<Map.Entry<String, HclExpr>> entries = new ArrayList<>(obj.entries().entrySet());
    int i = 0;
    while (i < entries.size()) {
      if (isMultiLine(entries.get(i).getValue())) {
        indent(depth + 1, out).append(key(entries.get(i).getKey())).append(" = ");
        writeExpr(entries.get(i).getValue(), depth + 1, out);
        out.append('\n');
        i++;
        continue;
      }
      int start = i;
      while (i < entries.size() && !isMultiLine(entries.get(i).getValue())) {
        i++;
      }
      int width =
          entries.subList(start, i).stream()
              .mapToInt(e -> key(e.getKey()).length())
              .max()
              .orElse(0);
      for (Map.Entry<String, HclExpr> e : entries.subList(start, i)) {
        String k = key(e.getKey());
        indent(depth + 1, out).append(k).append(" ".repeat(width - k.length())).append(" = ");
        writeExpr(e.getValue(), depth + 1, out);
        out.append('\n');
      }
    }
    indent(depth, out).append('}');
  }

  private static String key(String key) {
    if (HclBody.IDENTIFIER.matcher(key).matches()) {
      return key;
    }
    StringBuilder quoted = new StringBuilder();
    quote(key, quoted);
    return quoted.toString();
  }

  static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$' -> out.append(next == '{' ? "$$" : "$");
        case '%' -> out.append(next == '{' ? "%%" : "%");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static StringBuilder indent(int depth, StringBuilder out) {
    return out.append("  ".repeat(depth));
  }
}
