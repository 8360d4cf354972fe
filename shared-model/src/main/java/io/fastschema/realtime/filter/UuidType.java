package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code uuid}. Filter strings are parsed as PostgreSQL does (any case, optional braces and
 * hyphens). FastSchema encodes a NULL uuid as the zero uuid, so the zero uuid in a row is read as
 * SQL NULL; a row holding a real zero uuid is indistinguishable and is treated as NULL too.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class UuidType extends SqlType {

  static final UuidType INSTANCE = new UuidType();

  private UuidType() {
    super("uuid");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    String text = ((GoValue.Str) value).value();
    UuidValue uuid = UuidValue.parse(text);
    if (uuid == null) {
      throw new SqlValueException("invalid input syntax for type uuid: \"" + text + "\"");
    }
    return uuid;
  }

  @Override
  Object read(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    return UuidValue.parse(node.textValue());
  }

  @Override
  int compare(Object a, Object b) {
    return ((UuidValue) a).compareTo((UuidValue) b);
  }
}
