package s2c.hcl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the parser keeps of an HCL file: enough structure to check it against provider schemas. */
public final class ParsedHcl {
  private ParsedHcl() {}

  public record Body(List<Attribute> attributes, List<Block> blocks) {
    public Body {
      attributes = List.copyOf(attributes);
      blocks = List.copyOf(blocks);
    }

    /** The nested blocks of one type, in file order. */
    public List<Block> blocks(String type) {
      return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }

    public Optional<Attribute> attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
  }

  public record Attribute(String name, Expr value, int line, int column) {}

  public record Block(String type, List<String> labels, Body body, int line, int column) {
    public Block {
      labels = List.copyOf(labels);
    }
  }

  public enum Kind {
    STRING,
    NUMBER,
    BOOL,
    NULL,
    TUPLE,
    OBJECT,
    OTHER
  }

  /**
   * An expression's shape: its kind when it is a literal, the literal text of a plain string, the
   * elements of tuples and objects, and every traversal (like {@code var.region}) it mentions.
   */
  public record Expr(
      Kind kind,
      Optional<String> literal,
      List<Expr> items,
      Map<String, Expr> entries,
      List<String> traversals) {
    public Expr {
      items = List.copyOf(items);
      entries = Map.copyOf(entries);
      traversals = List.copyOf(traversals);
    }
  }
}
