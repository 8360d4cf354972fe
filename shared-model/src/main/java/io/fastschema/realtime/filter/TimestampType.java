package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A time column, as microseconds since the epoch: PostgreSQL's {@code timestamp with time zone}
 * ({@link #INSTANCE}) or MySQL's and MariaDB's {@code datetime} ({@link #DATETIME}); see {@link
 * TimeLiteral} for how each makes an instant of a filter string.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class TimestampType extends SqlType {

  static final TimestampType INSTANCE =
      new TimestampType("timestamp with time zone", TimeLiteral::epochMicros);

  /**
   * FastSchema's time column on MySQL/MariaDB: a wall-clock time without fractional seconds,
   * written and read in UTC ({@code parseTime=true}); a filter string is the date and time it
   * spells ({@link TimeLiteral#wallClockMicros}).
   */
  static final TimestampType DATETIME = new TimestampType("datetime", TimeLiteral::wallClockMicros);

  /** How the database reads a filter string, in microseconds since the epoch. */
  private interface LiteralReader {
    long micros(String text) throws SqlValueException;
  }

  private final LiteralReader literals;

  private TimestampType(String name, LiteralReader literals) {
    super(name);
    this.literals = literals;
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    return literals.micros(((GoValue.Str) value).value());
  }

  /**
   * The last row value this thread read and its instant. A delivery's row is judged by every
   * candidate filter in turn (1,000 distinct time ranges matching one event parsed its time 2,000
   * times, 3.3 MB per event), and each reads the very same node: parsing once per node is enough.
   */
  private static final ThreadLocal<LastRead> LAST_READ = ThreadLocal.withInitial(LastRead::new);

  /** Thread-confined; holds one row value at most. */
  private static final class LastRead {
    JsonNode node;
    Object micros;
  }

  @Override
  Object read(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    LastRead last = LAST_READ.get();
    if (last.node != node) {
      last.micros = TimeLiteral.rowMicros(node.textValue());
      last.node = node;
    }
    return last.micros;
  }

  @Override
  int compare(Object a, Object b) {
    return Long.compare((Long) a, (Long) b);
  }
}
