package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code boolean}: false sorts before true.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class BoolType extends SqlType {

  static final BoolType INSTANCE = new BoolType();

  private BoolType() {
    super("boolean");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Bool)) {
      throw cannotSend(value);
    }
    return ((GoValue.Bool) value).value();
  }

  @Override
  Object read(JsonNode node) {
    return node != null && node.isBoolean() ? node.booleanValue() : null;
  }

  @Override
  int compare(Object a, Object b) {
    return Boolean.compare((Boolean) a, (Boolean) b);
  }
}
