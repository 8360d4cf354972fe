package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * MySQL's and MariaDB's integer columns ({@code smallint}, {@code int}, {@code bigint}, unsigned
 * too) as FastSchema's filters reach them: go-sql-driver sends a filter number as a {@code DOUBLE}
 * and a numeric string as a string, unconverted. MariaDB then compares the column exactly with the
 * value's decimal value for {@code =} and {@code <}, as doubles in {@code IN}, and MySQL as
 * doubles; all agree for literals below 2^53 in magnitude, the only ones accepted. Numeric strings
 * are read as decimals ({@code "+005"}, {@code "5.0"}, {@code "1e3"}; PostgreSQL refuses the last
 * two).
 *
 * <p>Refused: values from 2^53 in magnitude (the servers answer differently there), and numeric
 * strings other than plain decimals of an integer ({@code "Inf"} and {@code "0x10"}, which Go
 * accepts and the servers read as 0 with a warning, {@code "5.0000000000000001"}, which Go rounds).
 *
 * <p>Thread-safety: immutable; the instance is a shared constant.
 */
final class MySqlIntegerType extends SqlType {

  static final MySqlIntegerType INSTANCE = new MySqlIntegerType();

  /**
   * 2^53: below it in magnitude, an integer literal compares the same exactly and as a double with
   * any row value (a row value beyond it is a double at or beyond it too).
   */
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  private static final Pattern PLAIN_DECIMAL =
      Pattern.compile("[+-]?[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?");

  private MySqlIntegerType() {
    super("bigint");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    BigDecimal number;
    if (value instanceof GoValue.Float) {
      number = new BigDecimal(((GoValue.Float) value).value());
    } else if (value instanceof GoValue.Str) {
      String text = ((GoValue.Str) value).value();
      if (!PLAIN_DECIMAL.matcher(text).matches()) {
        throw new SqlValueException(
            "realtime filters on MySQL/MariaDB take numeric strings as plain decimals only");
      }
      number = new BigDecimal(text);
    } else {
      throw cannotSend(value);
    }
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw new SqlValueException(
          "realtime filters on MySQL/MariaDB take integers only for integer fields");
    }
    if (number.abs().compareTo(BigDecimal.valueOf(EXACT_DOUBLE_LIMIT)) >= 0) {
      throw new SqlValueException(
          "realtime filters on MySQL/MariaDB take integers below 2^53 in magnitude (the servers"
              + " compare larger ones as doubles or exactly, depending on server and operator)");
    }
    return number.longValueExact();
  }

  @Override
  Object read(JsonNode node) {
    return IntegerType.readLong(node);
  }

  @Override
  int compare(Object a, Object b) {
    return Long.compare((Long) a, (Long) b);
  }
}
