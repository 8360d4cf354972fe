package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A column of the filtered table and its type: where a condition reads its row value.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name column name, the key in FastSchema's row JSON
 * @param type the column's PostgreSQL type
 */
record RowColumn(String name, SqlType type) {

  /** The row's value, or null for SQL NULL (an absent key, or JSON null where events carry it). */
  Object read(ObjectNode row) {
    return type.read(row.get(name));
  }
}
