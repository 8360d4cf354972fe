package io.fastschema.realtime.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * FastSchema's filter operators ({@code db/operator.go}), with the SQL each becomes for PostgreSQL
 * through ent ({@code pkg/entdbadapter/predicates.go}, {@code
 * entgo.io/ent/dialect/sql/builder.go}).
 *
 * <p>Thread-safety: immutable enum.
 */
enum Operator {
  /** {@code col = v}; for a bool value ent writes {@code col} / {@code NOT col}. */
  EQ("$eq"),
  /** {@code col <> v}. */
  NEQ("$neq"),
  GT("$gt"),
  GTE("$gte"),
  LT("$lt"),
  LTE("$lte"),
  /** {@code col LIKE v}; the caller writes the wildcards. */
  LIKE("$like"),
  /** {@code NOT (col LIKE v)}. */
  NOT_LIKE("$notlike"),
  /** {@code col LIKE '%' || escaped(v) || '%'} (ent escapes {@code \ % _}). */
  CONTAINS("$contains"),
  NOT_CONTAINS("$notcontains"),
  /** {@code col ILIKE '%' || lower(escaped(v)) || '%'} (ent's PostgreSQL dialect). */
  CONTAINS_FOLD("$containsfold"),
  NOT_CONTAINS_FOLD("$notcontainsfold"),
  /** {@code col IN (…)}. */
  IN("$in"),
  /** {@code col NOT IN (…)}. */
  NIN("$nin"),
  /** {@code col IS NULL} for true, {@code col IS NOT NULL} for false. */
  NULL("$null");

  private static final Map<String, Operator> BY_NAME = new HashMap<>();

  static {
    for (Operator op : values()) {
      BY_NAME.put(op.wireName, op);
    }
  }

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  /** The operator named {@code name}, or null (FastSchema's {@code OpInvalid}). */
  static Operator byName(String name) {
    return BY_NAME.get(name);
  }

  String wireName() {
    return wireName;
  }

  /** The operators whose value FastSchema requires to be a Go string. */
  boolean takesPattern() {
    return switch (this) {
      case LIKE, NOT_LIKE, CONTAINS, NOT_CONTAINS, CONTAINS_FOLD, NOT_CONTAINS_FOLD -> true;
      default -> false;
    };
  }

  /**
   * For a relation filter FastSchema turns these into "no related record matches the positive
   * operator" ({@code inverseRelationOperator}); null for the other operators.
   */
  Operator positiveForRelation() {
    return switch (this) {
      case NEQ -> EQ;
      case NIN -> IN;
      case NOT_LIKE -> LIKE;
      case NOT_CONTAINS -> CONTAINS;
      case NOT_CONTAINS_FOLD -> CONTAINS_FOLD;
      default -> null;
    };
  }
}
