package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A necessary condition of a filter that an index can use: every row the filter matches has {@link
 * #column()} equal to one of {@link #values()}. Values are canonical texts, so that an index
 * compares {@link #valueOf(ObjectNode)} of a row with them instead of re-implementing the type
 * rules (case of uuids, time zones, {@code -0 = 0}, …).
 *
 * <p>A filter has one when it is, or is an AND containing, a {@code $eq} or {@code $in} (or an
 * {@code $or} whose every branch has one on the same column) on a column of a type with exact
 * equality (text, enum, integers, floats, bool, time, uuid; also a relation named without a dot, on
 * its foreign key), with at least one non-NULL value. On MySQL/MariaDB text values are keyed by
 * their collation weights, so that {@code "Éa "} finds a row holding {@code "ea"}.
 *
 * <p>Thread-safety: immutable.
 */
public final class EqualityKey {

  private final RowColumn column;
  private final Set<String> values;

  private EqualityKey(RowColumn column, Set<String> values) {
    this.column = column;
    this.values = Set.copyOf(values);
  }

  /** The first usable equality among the filter's top-level conjuncts. */
  static Optional<EqualityKey> of(Condition condition) {
    if (condition instanceof Condition.AllOf) {
      for (Condition member : ((Condition.AllOf) condition).members()) {
        Optional<EqualityKey> key = of(member);
        if (key.isPresent()) {
          return key;
        }
      }
      return Optional.empty();
    }
    if (condition instanceof Condition.AnyOf any && !any.members().isEmpty()) {
      // {"$or":[{"owner":1},{"owner":2}]} is an IN: every member must key the same column.
      EqualityKey union = null;
      for (Condition member : any.members()) {
        EqualityKey key = of(member).orElse(null);
        if (key == null
            || (union != null
                && (!union.column.name().equals(key.column.name())
                    || union.column.type() != key.column.type()))) {
          return Optional.empty();
        }
        if (union == null) {
          union = key;
        } else {
          Set<String> values = new LinkedHashSet<>(union.values);
          values.addAll(key.values);
          union = new EqualityKey(union.column, values);
        }
      }
      return Optional.of(union);
    }
    if (condition instanceof Condition.Comparison) {
      Condition.Comparison comparison = (Condition.Comparison) condition;
      if (comparison.op() == Operator.EQ) {
        return of(comparison.column(), java.util.Collections.singletonList(comparison.literal()));
      }
    }
    if (condition instanceof Condition.Membership
        && !((Condition.Membership) condition).negated()) {
      Condition.Membership membership = (Condition.Membership) condition;
      return of(membership.column(), membership.values());
    }
    return Optional.empty();
  }

  private static Optional<EqualityKey> of(RowColumn column, List<Object> literals) {
    if (column.type() instanceof JsonbType || column.type() instanceof ByteaType) {
      return Optional.empty();
    }
    Set<String> canonical = new LinkedHashSet<>();
    for (Object literal : literals) {
      // NULL never equals anything: it adds no value.
      if (literal != null) {
        canonical.add(column.type().canonical(literal));
      }
    }
    return canonical.isEmpty() ? Optional.empty() : Optional.of(new EqualityKey(column, canonical));
  }

  /** The row key (column name) the values are about. */
  public String column() {
    return column.name();
  }

  /** Canonical texts of the values; a matching row's {@link #valueOf} is one of them. */
  public Set<String> values() {
    return values;
  }

  /** The canonical text of a row's value of {@link #column()}; null for SQL NULL. */
  public String valueOf(ObjectNode row) {
    Object value = column.read(row);
    return value == null ? null : column.type().canonical(value);
  }

  @Override
  public String toString() {
    return "EqualityKey[" + column.name() + " in " + values + "]";
  }
}
