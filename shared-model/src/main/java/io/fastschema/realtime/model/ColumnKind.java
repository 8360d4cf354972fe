package io.fastschema.realtime.model;

/**
 * Why a column exists.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum ColumnKind {
  /** A scalar field (including the primary key, declared or auto-created). */
  FIELD,
  /** A foreign key FastSchema derives from a relation, or a declared field it merged one into. */
  FOREIGN_KEY,
  /** {@code created_at}, {@code updated_at} or {@code deleted_at} of a schema with timestamps. */
  TIMESTAMP
}
