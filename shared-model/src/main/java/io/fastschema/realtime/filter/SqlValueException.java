package io.fastschema.realtime.filter;

/**
 * A filter value that FastSchema passes to PostgreSQL but PostgreSQL (or the pgx driver) refuses;
 * the message is the database's reason, e.g. {@code invalid input syntax for type uuid: "abc"}.
 * {@link PredicateCompiler} turns it into a {@link FilterException} naming the field.
 *
 * <p>Thread-safety: immutable once thrown.
 */
final class SqlValueException extends Exception {

  private static final long serialVersionUID = 1L;

  SqlValueException(String message) {
    super(message);
  }
}
