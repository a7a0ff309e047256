package s2c.hcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.hcl.ParsedHcl.Attribute;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.hcl.ParsedHcl.Expr;
import s2c.hcl.ParsedHcl.Kind;

/**
 * A parser for HCL native syntax (the Terraform language): bodies, blocks, attributes and the full
 * expression grammar (templates with interpolation and directives, heredocs, tuples, objects,
 * for-expressions, splats, function calls, operators, conditionals). It reports the first syntax
 * error with its line and column, like {@code terraform validate} does.
 */
public final class HclParser {
  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;
  private final int lineOffset;

  private HclParser(String src, int lineOffset) {
    this.src = src;
    this.lineOffset = lineOffset;
  }

  public static Body parse(String text) throws HclSyntaxException {
    HclParser p = new HclParser(text, 0);
    Body body = p.body(false);
    p.skipSpaceAndNewlines();
    if (!p.atEnd()) {
      throw p.error("unexpected '" + p.peek() + "'");
    }
    return body;
  }

  // ---- bodies ----

  private Body body(boolean inBraces) throws HclSyntaxException {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      skipSpaceAndNewlines();
      if (atEnd()) {
        if (inBraces) {
          throw error("missing '}' at the end of a block");
        }
        break;
      }
      if (inBraces && peek() == '}') {
        break;
      }
      int startLine = line + lineOffset;
      int startCol = col;
      String name = identifier();
      skipSpace();
      if (peek() == '=' && peekAt(1) != '=') {
        advance();
        Expr value = expression();
        attributes.add(new Attribute(name, value, startLine, startCol));
        endOfItem(inBraces);
        continue;
      }
      List<String> labels = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == '"') {
          Expr label = templateString();
          if (label.literal().isEmpty()) {
            throw error("block labels cannot contain interpolation");
          }
          labels.add(label.literal().get());
        } else if (isIdentStart(peek())) {
          labels.add(identifier());
        } else {
          break;
        }
      }
      expect('{');
      skipSpace();
      Body inner;
      if (peek() == '}') {
        inner = new Body(List.of(), List.of());
      } else if (peek() == '\n'
          || peek() == '#'
          || (peek() == '/' && (peekAt(1) == '/' || peekAt(1) == '*'))) {
        inner = body(true);
      } else {
        // a one-line block holds a single attribute: name { a = 1 }
        int aLine = line + lineOffset;
        int aCol = col;
        String attr = identifier();
        skipSpace();
        expect('=');
        Expr value = expression();
        inner = new Body(List.of(new Attribute(attr, value, aLine, aCol)), List.of());
        skipSpace();
      }
      expect('}');
      blocks.add(new Block(name, labels, inner, startLine, startCol));
      endOfItem(inBraces);
    }
    return new Body(attributes, blocks);
  }

  private void endOfItem(boolean inBraces) throws HclSyntaxException {
    skipSpace();
    if (atEnd() || peek() == '\n' || (inBraces && peek() == '}')) {
      return;
    }
    throw error("expected a newline after this item, found '" + peek() + "'");
  }

  // ---- expressions ----

  private Expr expression() throws HclSyntaxException {
    Expr condition = binary(0);
    skipSpace();
    if (peek() == '?') {
      advance();
      Expr yes = expressionNl();
      skipSpaceAndNewlines();
      expect(':');
      Expr no = expressionNl();
      return other(condition, yes, no);
    }
    return condition;
  }

  /** An expression inside brackets, where newlines do not end it. */
  private Expr expressionNl() throws HclSyntaxException {
    skipSpaceAndNewlines();
    return expression();
  }

  private static final String[][] LEVELS = {
    {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}
  };

  private Expr binary(int level) throws HclSyntaxException {
    if (level == LEVELS.length) {
      return unary();
    }
    Expr left = binary(level + 1);
    while (true) {
      skipSpace();
      String op = matchOperator(LEVELS[level]);
      if (op == null) {
        return left;
      }
      Expr right = binary(level + 1);
      left = other(left, right);
    }
  }

  private String matchOperator(String[] ops) {
    for (String op : ops) {
      if (src.startsWith(op, pos)) {
        // '=' alone is not an operator; '<<' starts a heredoc, '->' does not exist; guard '/'
        // comments
        if ((op.equals("<") || op.equals(">")) && peekAt(1) == '=') {
          continue;
        }
        if (op.equals("/") && (peekAt(1) == '/' || peekAt(1) == '*')) {
          return null;
        }
        for (int i = 0; i < op.length(); i++) {
          advance();
        }
        return op;
      }
    }
    return null;
  }

  private Expr unary() throws HclSyntaxException {
    skipSpace();
    if (peek() == '!' || (peek() == '-' && !isDigit(peekAt(1)))) {
      advance();
      return other(unary());
    }
    return postfix(primary());
  }

  private Expr postfix(Expr base) throws HclSyntaxException {
    Expr current = base;
    String traversal =
        current.traversals().size() == 1 && current.kind() == Kind.OTHER
            ? current.traversals().get(0)
            : null;
    boolean plain = traversal != null && isTraversalRoot;
    isTraversalRoot = false;
    while (true) {
      if (peek() == '.' && !src.startsWith("...", pos)) {
        advance();
        if (peek() == '*') {
          advance();
          plain = false;
        } else if (isDigit(peek())) {
          String digits = number();
          if (plain) {
            traversal = traversal + "[" + digits + "]";
          }
        } else {
          String attr = identifier();
          if (plain) {
            traversal = traversal + "." + attr;
          }
        }
      } else if (peek() == '[') {
        advance();
        skipSpaceAndNewlines();
        if (peek() == '*') {
          advance();
          plain = false;
          skipSpaceAndNewlines();
          expect(']');
        } else {
          Expr index = expressionNl();
          skipSpaceAndNewlines();
          expect(']');
          if (plain && index.kind() == Kind.NUMBER && index.literal().isPresent()) {
            traversal = traversal + "[" + index.literal().get() + "]";
          } else {
            plain = false;
          }
          current = other(current, index);
        }
      } else {
        break;
      }
    }
    if (traversal != null) {
      List<String> all = new ArrayList<>(current.traversals());
      all.set(0, traversal);
      return new Expr(Kind.OTHER, Optional.empty(), current.items(), current.entries(), all);
    }
    return current;
  }

  private boolean isTraversalRoot;

  private Expr primary() throws HclSyntaxException {
    skipSpace();
    char c = peek();
    if (c == '"') {
      return templateString();
    }
    if (c == '<' && peekAt(1) == '<') {
      return heredoc();
    }
    if (isDigit(c) || (c == '-' && isDigit(peekAt(1)))) {
      String n = (c == '-' ? String.valueOf(advance()) : "") + number();
      return new Expr(Kind.NUMBER, Optional.of(n), List.of(), Map.of(), List.of());
    }
    if (c == '[') {
      return tuple();
    }
    if (c == '{') {
      return object();
    }
    if (c == '(') {
      advance();
      Expr inner = expressionNl();
      skipSpaceAndNewlines();
      expect(')');
      return inner;
    }
    if (isIdentStart(c)) {
      String name = identifier();
      switch (name) {
        case "true", "false":
          return new Expr(Kind.BOOL, Optional.of(name), List.of(), Map.of(), List.of());
        case "null":
          return new Expr(Kind.NULL, Optional.empty(), List.of(), Map.of(), List.of());
        default:
          break;
      }
      skipSpace();
      if (peek() == '(' || (peek() == ':' && peekAt(1) == ':')) {
        while (peek() == ':' && peekAt(1) == ':') {
          advance();
          advance();
          identifier();
        }
        return call();
      }
      isTraversalRoot = true;
      return new Expr(Kind.OTHER, Optional.empty(), List.of(), Map.of(), List.of(name));
    }
    if (atEnd()) {
      throw error("expected an expression, found the end of the file");
    }
    throw error("expected an expression, found '" + c + "'");
  }

  private Expr call() throws HclSyntaxException {
    expect('(');
    List<Expr> args = new ArrayList<>();
    skipSpaceAndNewlines();
    while (peek() != ')') {
      args.add(expressionNl());
      skipSpaceAndNewlines();
      if (src.startsWith("...", pos)) {
        advance();
        advance();
        advance();
        skipSpaceAndNewlines();
      }
      if (peek() == ',') {
        advance();
        skipSpaceAndNewlines();
      } else if (peek() != ')') {
        throw error("expected ',' or ')' in function arguments");
      }
    }
    advance();
    // the arguments stay inspectable (a rule may look inside jsonencode(...))
    Expr call = other(args.toArray(new Expr[0]));
    return new Expr(Kind.OTHER, Optional.empty(), args, Map.of(), call.traversals());
  }

  private Expr tuple() throws HclSyntaxException {
    expect('[');
    skipSpaceAndNewlines();
    if (lookingAtKeyword("for")) {
      return forExpression(']');
    }
    List<Expr> items = new ArrayList<>();
    while (peek() != ']') {
      items.add(expressionNl());
      skipSpaceAndNewlines();
      if (peek() == ',') {
        advance();
        skipSpaceAndNewlines();
      } else if (peek() != ']') {
        throw error("expected ',' or ']' in a list");
      }
    }
    advance();
    return new Expr(Kind.TUPLE, Optional.empty(), items, Map.of(), collect(items));
  }

  private Expr object() throws HclSyntaxException {
    expect('{');
    skipSpaceAndNewlines();
    if (lookingAtKeyword("for")) {
      return forExpression('}');
    }
    Map<String, Expr> entries = new LinkedHashMap<>();
    List<Expr> parts = new ArrayList<>();
    while (peek() != '}') {
      Expr key = expressionNl();
      skipSpace();
      if (peek() == '=' || peek() == ':') {
        advance();
      } else {
        throw error("expected '=' after an object key");
      }
      Expr value = expressionNl();
      String keyText =
          key.literal().orElse(key.traversals().size() == 1 ? key.traversals().get(0) : "<expr>");
      entries.put(keyText, value);
      parts.add(value);
      skipSpace();
      if (peek() == ',') {
        advance();
      }
      skipSpaceAndNewlines();
      if (atEnd()) {
        throw error("missing '}' at the end of an object");
      }
    }
    advance();
    return new Expr(Kind.OBJECT, Optional.empty(), List.of(), entries, collect(parts));
  }

  private Expr forExpression(char close) throws HclSyntaxException {
    // for k, v in collection : result [if cond] (with "key => value" and "..." for objects)
    identifier();
    forVariablesAndIn();
    List<Expr> parts = new ArrayList<>();
    parts.add(expressionNl());
    skipSpaceAndNewlines();
    expect(':');
    parts.add(expressionNl());
    skipSpaceAndNewlines();
    if (src.startsWith("=>", pos)) {
      advance();
      advance();
      parts.add(expressionNl());
      skipSpaceAndNewlines();
    }
    if (src.startsWith("...", pos)) {
      pos += 3;
      col += 3;
      skipSpaceAndNewlines();
    }
    if (lookingAtKeyword("if")) {
      identifier();
      parts.add(expressionNl());
      skipSpaceAndNewlines();
    }
    expect(close);
    return new Expr(Kind.OTHER, Optional.empty(), List.of(), Map.of(), collect(parts));
  }

  /** After "for": one or two variable names, then the keyword "in". */
  private void forVariablesAndIn() throws HclSyntaxException {
    skipSpace();
    identifier();
    skipSpace();
    if (peek() == ',') {
      advance();
      skipSpace();
      identifier();
      skipSpace();
    }
    if (!lookingAtKeyword("in")) {
      throw error("expected 'in' after the variables of a for");
    }
    identifier();
  }

  private boolean lookingAtKeyword(String word) {
    return src.startsWith(word, pos) && !isIdentPart(peekAt(word.length()));
  }

  /**
   * A quoted template: escapes, ${ } interpolation and %{ } directives; plain text kept as literal.
   */
  private Expr templateString() throws HclSyntaxException {
    int startLine = line;
    int startCol = col;
    expect('"');
    StringBuilder literal = new StringBuilder();
    boolean plain = true;
    List<Expr> parts = new ArrayList<>();
    while (true) {
      if (atEnd() || peek() == '\n') {
        throw new HclSyntaxException(startLine + lineOffset, startCol, "unterminated string");
      }
      char c = advance();
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char e = advance();
        switch (e) {
          case 'n' -> literal.append('\n');
          case 'r' -> literal.append('\r');
          case 't' -> literal.append('\t');
          case '"' -> literal.append('"');
          case '\\' -> literal.append('\\');
          case 'u' -> literal.append((char) Integer.parseInt(hex(4), 16));
          case 'U' -> literal.appendCodePoint(Integer.parseInt(hex(8), 16));
          default -> throw error("invalid escape sequence '\\" + e + "'");
        }
      } else if ((c == '$' || c == '%') && peek() == c && peekAt(1) == '{') {
        advance();
        literal.append(c).append(advance());
      } else if ((c == '$' || c == '%') && peek() == '{') {
        advance();
        plain = false;
        parts.add(interpolation(c == '%'));
      } else {
        literal.append(c);
      }
    }
    if (plain) {
      return new Expr(Kind.STRING, Optional.of(literal.toString()), List.of(), Map.of(), List.of());
    }
    return new Expr(Kind.STRING, Optional.empty(), List.of(), Map.of(), collect(parts));
  }

  private String hex(int n) throws HclSyntaxException {
    if (pos + n > src.length()) {
      throw error("truncated unicode escape");
    }
    String h = src.substring(pos, pos + n);
    if (!h.matches("[0-9A-Fa-f]+")) {
      throw error("invalid unicode escape");
    }
    for (int i = 0; i < n; i++) {
      advance();
    }
    return h;
  }

  /** After "${" or "%{": parse the expression (or skip a directive) up to the matching '}'. */
  private Expr interpolation(boolean directive) throws HclSyntaxException {
    skipSpaceAndNewlines();
    if (peek() == '~') {
      advance();
    }
    Expr inner;
    if (directive) {
      // %{ if cond }, %{ for x in xs }, %{ else }, %{ endif }, %{ endfor }
      String word = identifier();
      skipSpace();
      switch (word) {
        case "if" -> inner = expression();
        case "for" -> {
          forVariablesAndIn();
          inner = expressionNl();
        }
        case "else", "endif", "endfor" -> inner = other();
        default -> throw error("unknown template directive '" + word + "'");
      }
    } else {
      inner = expressionNl();
    }
    skipSpaceAndNewlines();
    if (peek() == '~') {
      advance();
    }
    expect('}');
    return inner;
  }

  private Expr heredoc() throws HclSyntaxException {
    advance();
    advance();
    if (peek() == '-') {
      advance();
    }
    String marker = identifier();
    if (peek() != '\n') {
      throw error("a heredoc marker must end its line");
    }
    advance();
    List<Expr> parts = new ArrayList<>();
    while (true) {
      if (atEnd()) {
        throw error("heredoc is missing its closing " + marker);
      }
      int lineEnd = src.indexOf('\n', pos);
      String text = src.substring(pos, lineEnd < 0 ? src.length() : lineEnd);
      if (text.strip().equals(marker)) {
        for (int i = 0; i < text.length(); i++) {
          advance();
        }
        break;
      }
      int interp = text.indexOf("${");
      if (interp >= 0 && (interp == 0 || text.charAt(interp - 1) != '$')) {
        for (int i = 0; i < interp + 2; i++) {
          advance();
        }
        parts.add(interpolation(false));
        continue;
      }
      for (int i = 0; i < text.length(); i++) {
        advance();
      }
      if (!atEnd()) {
        advance();
      }
    }
    return new Expr(Kind.STRING, Optional.empty(), List.of(), Map.of(), collect(parts));
  }

  // ---- helpers ----

  private static Expr other(Expr... parts) {
    return new Expr(Kind.OTHER, Optional.empty(), List.of(), Map.of(), collect(List.of(parts)));
  }

  private static List<String> collect(List<Expr> parts) {
    List<String> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.traversals()));
    return all;
  }

  private String identifier() throws HclSyntaxException {
    if (!isIdentStart(peek())) {
      throw error(atEnd() ? "unexpected end of file" : "expected a name, found '" + peek() + "'");
    }
    int start = pos;
    while (isIdentPart(peek())) {
      advance();
    }
    return src.substring(start, pos);
  }

  private String number() throws HclSyntaxException {
    int start = pos;
    while (isDigit(peek())) {
      advance();
    }
    if (peek() == '.' && isDigit(peekAt(1))) {
      advance();
      while (isDigit(peek())) {
        advance();
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') {
        advance();
      }
      if (!isDigit(peek())) {
        throw error("malformed number");
      }
      while (isDigit(peek())) {
        advance();
      }
    }
    return src.substring(start, pos);
  }

  private void expect(char c) throws HclSyntaxException {
    skipSpace();
    if (peek() != c) {
      throw error(
          atEnd()
              ? "expected '" + c + "', found the end of the file"
              : "expected '" + c + "', found '" + peek() + "'");
    }
    advance();
  }

  private void skipSpace() throws HclSyntaxException {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        advance();
      } else if (c == '#' || (c == '/' && peekAt(1) == '/')) {
        while (!atEnd() && peek() != '\n') {
          advance();
        }
      } else if (c == '/' && peekAt(1) == '*') {
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
          throw error("unterminated /* comment");
        }
        while (pos < close + 2) {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private void skipSpaceAndNewlines() throws HclSyntaxException {
    while (true) {
      skipSpace();
      if (!atEnd() && peek() == '\n') {
        advance();
      } else {
        return;
      }
    }
  }

  private boolean atEnd() {
    return pos >= src.length();
  }

  private char peek() {
    return atEnd() ? '\0' : src.charAt(pos);
  }

  private char peekAt(int offset) {
    return pos + offset < src.length() ? src.charAt(pos + offset) : '\0';
  }

  private char advance() {
    char c = src.charAt(pos++);
    if (c == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    return c;
  }

  private HclSyntaxException error(String message) {
    return new HclSyntaxException(line + lineOffset, col, message);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}
