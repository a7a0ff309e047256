package s2c.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The contents of a file or block: attributes and nested blocks in the order they are printed. */
public record HclBody(List<Node> nodes) {
  static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");

  public HclBody {
    nodes = List.copyOf(nodes);
  }

  public sealed interface Node {}

  public record Attribute(String name, HclExpr value) implements Node {
    public Attribute {
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not an HCL attribute name: " + name);
      }
    }
  }

  public record Block(String type, List<String> labels, HclBody body) implements Node {
    public Block {
      if (!IDENTIFIER.matcher(type).matches()) {
        throw new IllegalArgumentException("not an HCL block type: " + type);
      }
      labels = List.copyOf(labels);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects nodes in order; {@code build()} freezes them. */
  public static final class Builder {
    private final List<Node> nodes = new ArrayList<>();

    public Builder attr(String name, HclExpr value) {
      nodes.add(new Attribute(name, value));
      return this;
    }

    public Builder attr(String name, String value) {
      return attr(name, HclExpr.str(value));
    }

    public Builder attr(String name, long value) {
      return attr(name, HclExpr.num(value));
    }

    public Builder attr(String name, boolean value) {
      return attr(name, HclExpr.bool(value));
    }

    public Builder block(String type, List<String> labels, Consumer<Builder> body) {
      Builder inner = new Builder();
      body.accept(inner);
      nodes.add(new Block(type, labels, inner.build()));
      return this;
    }

    public Builder block(String type, Consumer<Builder> body) {
      return block(type, List.of(), body);
    }

    public Builder add(Node node) {
      nodes.add(node);
      return this;
    }

    public HclBody build() {
      return new HclBody(nodes);
    }
  }
}
