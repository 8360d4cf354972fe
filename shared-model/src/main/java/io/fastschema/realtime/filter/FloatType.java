package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code real} (float32) and {@code double precision} (float64). pgx sends a Go float64 to a {@code
 * real} parameter as {@code float32(f)}, so both the value and the column are compared in single
 * precision there. PostgreSQL orders NaN above every number and equal to itself, and {@code -0 =
 * 0}.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class FloatType extends SqlType {

  static final FloatType REAL = new FloatType("real", true, true);
  static final FloatType DOUBLE = new FloatType("double precision", false, false);

  /**
   * MySQL's and MariaDB's {@code float} (FastSchema's float32): go-sql-driver sends the filter's
   * float64 as a {@code DOUBLE} and the server widens the column's value, so {@code 0.1} does not
   * equal a stored {@code 0.1f} there (it does on PostgreSQL).
   */
  static final FloatType MYSQL_FLOAT = new FloatType("float", true, false);

  private final boolean single;
  private final boolean narrowsLiteral;

  private FloatType(String name, boolean single, boolean narrowsLiteral) {
    super(name);
    this.single = single;
    this.narrowsLiteral = narrowsLiteral;
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Float)) {
      throw cannotSend(value);
    }
    double f = ((GoValue.Float) value).value();
    return narrowsLiteral ? narrow(f) : f;
  }

  @Override
  Object read(JsonNode node) {
    return node != null && node.isNumber() ? narrow(node.doubleValue()) : null;
  }

  private double narrow(double value) {
    return single ? (double) (float) value : value;
  }

  @Override
  int compare(Object a, Object b) {
    double x = (Double) a;
    double y = (Double) b;
    if (x == y) {
      return 0;
    }
    if (Double.isNaN(x)) {
      return Double.isNaN(y) ? 0 : 1;
    }
    if (Double.isNaN(y)) {
      return -1;
    }
    return x < y ? -1 : 1;
  }
}
