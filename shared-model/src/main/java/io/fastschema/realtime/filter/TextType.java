package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code character varying} (string, enum) and {@code text}. Ordering is by code point, which is
 * PostgreSQL's order under the {@code C}, {@code POSIX} and {@code C.UTF-8} collations; under a
 * linguistic collation ({@code en_US.UTF-8}, ICU) {@code $gt}/{@code $lt} on strings differ.
 * Equality and {@code LIKE} are exact under every deterministic collation.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class TextType extends SqlType {

  static final TextType VARCHAR = new TextType("character varying");
  static final TextType TEXT = new TextType("text");

  private TextType(String name) {
    super(name);
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    String text = ((GoValue.Str) value).value();
    if (text.indexOf('\0') >= 0) {
      throw new SqlValueException("invalid byte sequence for encoding \"UTF8\": 0x00");
    }
    return text;
  }

  @Override
  Object read(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  @Override
  int compare(Object a, Object b) {
    return Jsonb.compareCodePoints((String) a, (String) b);
  }

  @Override
  boolean hasLike() {
    return true;
  }
}
