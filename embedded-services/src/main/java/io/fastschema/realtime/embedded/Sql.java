package io.fastschema.realtime.embedded;

/** Quoting for the few statements that cannot take bind parameters (DDL, role management). */
final class Sql {

  private Sql() {}

  /** {@code name} as a quoted PostgreSQL identifier: {@code my"role} → {@code "my""role"}. */
  static String identifier(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a usable identifier: '" + name + "'");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code value} as a standard-conforming string literal: {@code it's} → {@code 'it''s'}. */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("string literal must not contain NUL");
    }
    return '\'' + value.replace("'", "''") + '\'';
  }
}
