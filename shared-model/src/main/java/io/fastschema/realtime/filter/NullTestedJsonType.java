package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * FastSchema's json column on MySQL/MariaDB, where only {@code $null} is evaluated: MariaDB's json
 * is {@code longtext} compared as the stored text (spacing and key order count, and events carry
 * the parsed value, not the text), MySQL's is compared as JSON. Any other comparison is refused at
 * parse time rather than answered differently from one of them.
 *
 * <p>Thread-safety: immutable; the instance is a shared constant.
 */
final class NullTestedJsonType extends SqlType {

  static final NullTestedJsonType INSTANCE = new NullTestedJsonType();

  private NullTestedJsonType() {
    super("json");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    throw new SqlValueException(
        "realtime filters on MySQL/MariaDB compare json fields with $null only (MariaDB compares"
            + " the stored text, MySQL the JSON value)");
  }

  @Override
  Object read(JsonNode node) {
    return isSqlNull(node) ? null : node;
  }

  @Override
  int compare(Object a, Object b) {
    throw new IllegalStateException("json is not compared on MySQL/MariaDB");
  }

  @Override
  boolean ordered() {
    return false;
  }

  @Override
  String unorderedReason() {
    return "json fields are compared with $null only on MySQL/MariaDB";
  }
}
