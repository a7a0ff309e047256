package s2c.hcl;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** An HCL expression as the writer prints it; small immutable values, validated on creation. */
public sealed interface HclExpr {
  Pattern TRAVERSAL =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[0-9]+])*$");
  Pattern FUNCTION = Pattern.compile("^[a-z][a-z0-9_]*$");

  record Str(String value) implements HclExpr {}

  record Num(BigDecimal value) implements HclExpr {}

  record Bool(boolean value) implements HclExpr {}

  record Null() implements HclExpr {}

  /** A reference such as {@code var.region} or {@code digitalocean_app.app.id}. */
  record Ref(String traversal) implements HclExpr {
    public Ref {
      if (!TRAVERSAL.matcher(traversal).matches()) {
        throw new IllegalArgumentException("not an HCL traversal: " + traversal);
      }
    }
  }

  record Tuple(List<HclExpr> items) implements HclExpr {
    public Tuple {
      items = List.copyOf(items);
    }
  }

  record Obj(Map<String, HclExpr> entries) implements HclExpr {
    public Obj {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  record Call(String function, List<HclExpr> args) implements HclExpr {
    public Call {
      if (!FUNCTION.matcher(function).matches()) {
        throw new IllegalArgumentException("not an HCL function name: " + function);
      }
      args = List.copyOf(args);
    }
  }

  /**
   * An attribute or index of a computed value, such as {@code one(x.list).name}: {@code path} is
   * one or more {@code .name} or {@code [n]} steps.
   */
  record Access(HclExpr base, String path) implements HclExpr {
    static final Pattern PATH = Pattern.compile("^(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[0-9]+])+$");

    public Access {
      if (!PATH.matcher(path).matches()) {
        throw new IllegalArgumentException("not an HCL attribute path: " + path);
      }
    }
  }

  static HclExpr access(HclExpr base, String path) {
    return new Access(base, path);
  }

  static HclExpr str(String value) {
    return new Str(value);
  }

  static HclExpr num(long value) {
    return new Num(BigDecimal.valueOf(value));
  }

  static HclExpr bool(boolean value) {
    return new Bool(value);
  }

  static HclExpr ref(String traversal) {
    return new Ref(traversal);
  }

  static HclExpr strings(List<String> values) {
    return new Tuple(values.stream().map(Str::new).map(HclExpr.class::cast).toList());
  }

  static HclExpr call(String function, HclExpr... args) {
    return new Call(function, List.of(args));
  }
}
