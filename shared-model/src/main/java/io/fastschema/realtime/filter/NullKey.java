package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A necessary condition of a filter that a null index can use: a top-level {@code $null} conjunct
 * ({@code {"deleted_at":{"$null":true}}}), so every row the filter matches has {@link #column()}
 * NULL, or every one has it not NULL. Used where a filter has neither an {@link EqualityKey} nor a
 * {@link RangeKey}: such subscriptions are then candidates only for rows on the right side of that
 * test instead of for every row. Candidates are still evaluated in full.
 *
 * <p>Thread-safety: immutable.
 */
public final class NullKey {

  private final RowColumn column;
  private final boolean isNull;

  private NullKey(RowColumn column, boolean isNull) {
    this.column = column;
    this.isNull = isNull;
  }

  /** The first top-level {@code $null} conjunct of the condition. */
  static Optional<NullKey> of(Condition condition) {
    for (Condition c : Condition.conjunctsOf(condition)) {
      if (c instanceof Condition.NullTest test) {
        return Optional.of(new NullKey(test.column(), test.isNull()));
      }
    }
    return Optional.empty();
  }

  /** The row key (column name) tested. */
  public String column() {
    return column.name();
  }

  /** Whether matching rows have the column NULL (else: not NULL). */
  public boolean isNull() {
    return isNull;
  }

  /**
   * Whether the row's value of {@link #column()} is NULL, read exactly as the filter's {@code
   * $null} reads it; the same for every key on this column of one compiled schema.
   */
  public boolean rowHasNull(ObjectNode row) {
    return column.read(row) == null;
  }

  @Override
  public String toString() {
    return "NullKey[" + column.name() + (isNull ? " IS NULL" : " IS NOT NULL") + "]";
  }
}
