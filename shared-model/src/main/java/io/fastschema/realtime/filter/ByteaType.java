package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code bytea}. FastSchema accepts no filter value for a bytes field (a Go {@code []byte} never
 * comes out of JSON), so only {@code $null} and {@code = NULL} reach the database; rows carry a
 * base64 string, or {@code null} for SQL NULL.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class ByteaType extends SqlType {

  static final ByteaType INSTANCE = new ByteaType();

  private ByteaType() {
    super("bytea");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    throw cannotSend(value);
  }

  @Override
  Object read(JsonNode node) {
    return isSqlNull(node) ? null : Boolean.TRUE;
  }

  @Override
  int compare(Object a, Object b) {
    throw new UnsupportedOperationException("bytea values are never compared here");
  }
}
