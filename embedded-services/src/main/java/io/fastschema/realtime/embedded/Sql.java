package io.fastschema.realtime.embedded;

/**
 * Quoting for the few statements that cannot take bind parameters (DDL, role management), in
 * PostgreSQL's and in MariaDB/MySQL's syntax.
 */
final class Sql {

  private Sql() {}

  /** {@code name} as a quoted PostgreSQL identifier: {@code my"role} → {@code "my""role"}. */
  static String identifier(String name) {
    return quoted(usableName(name), '"');
  }

  /** {@code name} as a quoted MariaDB/MySQL identifier: {@code my`db} → {@code `my``db`}. */
  static String backquoted(String name) {
    return quoted(usableName(name), '`');
  }

  /** {@code value} as a standard-conforming string literal: {@code it's} → {@code 'it''s'}. */
  static String literal(String value) {
    return quoted(noNul(value), '\'');
  }

  /**
   * {@code value} as a MariaDB/MySQL string literal, where a backslash escapes (unless the server
   * runs with NO_BACKSLASH_ESCAPES): {@code a\'b} → {@code 'a\\''b'}.
   */
  static String mariaDbLiteral(String value) {
    return quoted(noNul(value).replace("\\", "\\\\"), '\'');
  }

  private static String quoted(String text, char quote) {
    String q = String.valueOf(quote);
    return quote + text.replace(q, q + q) + quote;
  }

  private static String usableName(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a usable identifier: '" + name + "'");
    }
    return name;
  }

  private static String noNul(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("string literal must not contain NUL");
    }
    return value;
  }
}
