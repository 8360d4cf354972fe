package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code timestamp with time zone}, as microseconds since the epoch; see {@link TimeLiteral} for
 * how filter strings become instants.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class TimestampType extends SqlType {

  static final TimestampType INSTANCE = new TimestampType();

  private TimestampType() {
    super("timestamp with time zone");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    return TimeLiteral.epochMicros(((GoValue.Str) value).value());
  }

  @Override
  Object read(JsonNode node) {
    return node != null && node.isTextual() ? TimeLiteral.rowMicros(node.textValue()) : null;
  }

  @Override
  int compare(Object a, Object b) {
    return Long.compare((Long) a, (Long) b);
  }
}
