package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code smallint}, {@code integer} and {@code bigint} (FastSchema's unsigned types are signed
 * columns on PostgreSQL).
 *
 * <p>Filter values arrive as Go float64 or string. pgx sends a float64 in binary after {@code
 * int64(f)} (truncation; beyond the int64 range it refuses or, below, wraps to the minimum as Go on
 * amd64 does) and refuses values outside {@code int2}/{@code int4}; a string goes as text and
 * PostgreSQL's integer input parses it exactly (no float rounding).
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class IntegerType extends SqlType {

  static final IntegerType SMALLINT =
      new IntegerType("smallint", "int2", Short.MIN_VALUE, Short.MAX_VALUE);
  static final IntegerType INTEGER =
      new IntegerType("integer", "int4", Integer.MIN_VALUE, Integer.MAX_VALUE);
  static final IntegerType BIGINT =
      new IntegerType("bigint", "int8", Long.MIN_VALUE, Long.MAX_VALUE);

  /** 2^63 as a double: the first float64 above the int64 range. */
  private static final double TWO_TO_63 = 9.223372036854775807E18;

  /** PostgreSQL 16+ integer input: optional blanks, sign, base prefixes, {@code _} separators. */
  private static final Pattern PG_INTEGER =
      Pattern.compile(
          "[ \\t\\n\\r\\f\\u000B]*([+-]?)"
              + "(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*|0[bB][01](?:_?[01])*"
              + "|[0-9](?:_?[0-9])*)[ \\t\\n\\r\\f\\u000B]*");

  private final String pgxName;
  private final long min;
  private final long max;

  private IntegerType(String name, String pgxName, long min, long max) {
    super(name);
    this.pgxName = pgxName;
    this.min = min;
    this.max = max;
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (value instanceof GoValue.Float) {
      return fromFloat64(((GoValue.Float) value).value());
    }
    if (value instanceof GoValue.Str) {
      return fromText(((GoValue.Str) value).value());
    }
    throw cannotSend(value);
  }

  private long fromFloat64(double f) throws SqlValueException {
    if (f > TWO_TO_63) {
      throw new SqlValueException(
          String.format(Locale.ROOT, "%f is greater than maximum value for int64", f));
    }
    // Go's int64(2^63) on amd64 is the minimum int64; Java would saturate to the maximum.
    long n = f == TWO_TO_63 ? Long.MIN_VALUE : (long) f;
    if (n > max) {
      throw new SqlValueException(n + " is greater than maximum value for " + pgxName);
    }
    if (n < min) {
      throw new SqlValueException(n + " is less than minimum value for " + pgxName);
    }
    return n;
  }

  private long fromText(String text) throws SqlValueException {
    Matcher m = PG_INTEGER.matcher(text);
    if (!m.matches()) {
      throw new SqlValueException("invalid input syntax for type " + name() + ": \"" + text + "\"");
    }
    String digits = m.group(2).replace("_", "");
    int radix = 10;
    if (digits.length() > 1 && Character.isLetter(digits.charAt(1))) {
      char prefix = Character.toLowerCase(digits.charAt(1));
      radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
      digits = digits.substring(2);
    }
    BigInteger n = new BigInteger(m.group(1) + digits, radix);
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new SqlValueException("value \"" + text + "\" is out of range for type " + name());
    }
    return n.longValue();
  }

  @Override
  Object read(JsonNode node) {
    return readLong(node);
  }

  /** A row's integer: null when absent, NULL, not a number or not an int64 integer. */
  static Long readLong(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : null;
    }
    double d = node.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < TWO_TO_63 ? (long) d : null;
  }

  @Override
  int compare(Object a, Object b) {
    return Long.compare((Long) a, (Long) b);
  }
}
