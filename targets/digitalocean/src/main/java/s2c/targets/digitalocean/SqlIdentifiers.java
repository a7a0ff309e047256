package s2c.targets.digitalocean;

/** SQL identifiers as PostgreSQL quotes them: in double quotes, a double quote doubled. */
final class SqlIdentifiers {
  private SqlIdentifiers() {}

  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an SQL identifier cannot hold NUL");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
