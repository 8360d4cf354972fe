package io.fastschema.realtime.model;

import java.util.Objects;

/**
 * A physical column of a table, in table order.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param name column name (= field name)
 * @param type FastSchema type of the values; an FK column has the type of the column it references
 * @param nullable whether NULL is allowed
 * @param primaryKey whether this is the table's primary key (junction tables have none)
 * @param kind why the column exists
 */
public record Column(
    String name, FieldType type, boolean nullable, boolean primaryKey, ColumnKind kind) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    if (type.isRelation()) {
      throw new IllegalArgumentException("column " + name + " cannot have relation type " + type);
    }
  }
}
