package io.fastschema.realtime.filter;

/**
 * A {@code filter} that cannot be used. The message is FastSchema's own error text wherever
 * FastSchema rejects the filter too (e.g. {@code filter error: invalid value for field views.$gt
 * (int) = abc (string)}); the realtime layer prefixes it with {@code realtime.content: invalid
 * filter: } as FastSchema does.
 *
 * <p>Two kinds of message are ours, because FastSchema would not reject the filter when parsing it:
 * filters on relation paths this broker cannot evaluate in memory ("... is not supported yet ..."),
 * and values FastSchema accepts but PostgreSQL then refuses on every query (the message ends with
 * PostgreSQL's reason, e.g. {@code invalid input syntax for type uuid: "abc"}).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class FilterException extends Exception {

  private static final long serialVersionUID = 1L;

  public FilterException(String message) {
    super(message);
  }
}
