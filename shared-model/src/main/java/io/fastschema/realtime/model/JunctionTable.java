package io.fastschema.realtime.model;

import java.util.Objects;

/**
 * The junction table of an m2m relation: two id columns plus (like every FastSchema junction)
 * timestamp columns, see {@link SchemaCatalog#tableColumns(String)}.
 *
 * <p>Each column holds the ids of the schema next to it: in {@code posts_tags} (from {@code
 * post.tags} and {@code tag.posts}) column {@code tags} holds tag ids and column {@code posts}
 * holds post ids. {@code left}/{@code right} is alphabetical order of the column names, not the
 * physical column order: FastSchema creates the junction from whichever relation side it meets
 * first while iterating a Go map, so the physical order of the two columns is not knowable from the
 * schema files. Address them by name.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param table junction table name
 * @param leftColumn the alphabetically first id column
 * @param leftSchema the schema whose ids {@code leftColumn} holds
 * @param rightColumn the other id column
 * @param rightSchema the schema whose ids {@code rightColumn} holds
 */
public record JunctionTable(
    String table, String leftColumn, String leftSchema, String rightColumn, String rightSchema) {

  public JunctionTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(leftColumn, "leftColumn");
    Objects.requireNonNull(leftSchema, "leftSchema");
    Objects.requireNonNull(rightColumn, "rightColumn");
    Objects.requireNonNull(rightSchema, "rightSchema");
  }
}
