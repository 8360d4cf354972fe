package io.fastschema.realtime.ingest;

/** What one Debezium record means to ingest. */
sealed interface SourceChange {

  /** A row change of a captured content table. */
  record Row(ChangeDraft draft) implements SourceChange {}

  /**
   * A row of the access-control tables for the security topic: {@code row} is the row after the
   * change, or null when it was deleted.
   */
  record SecurityRow(
      String table,
      String key,
      com.fasterxml.jackson.databind.node.ObjectNode row,
      io.fastschema.realtime.event.StateRecord state)
      implements SourceChange {}

  /**
   * A row version for a relation state topic only: a junction table's change, or a row of the
   * initial snapshot of a table relations reach (no content event).
   */
  record StateRow(io.fastschema.realtime.event.StateRecord state) implements SourceChange {}

  /** The end of a source transaction (Debezium's transaction metadata END record). */
  record TransactionEnd(String txId) implements SourceChange {}

  /**
   * A TRUNCATE of a content table, an access-control table or a table with a relation state topic
   * ({@code schema} null when the table has no schema topic: roles_users, junction tables). Its
   * rows are deleted from the security and relation state topics ({@link TruncatedRows}); schema
   * topics get nothing (README, "TRUNCATE").
   *
   * @param at the TRUNCATE's position in the source log
   */
  record Truncated(String schema, String table, io.fastschema.realtime.event.SourcePosition at)
      implements SourceChange {}

  /** Anything else: BEGIN, heartbeats, changes of tables we do not publish. */
  record Ignored(String why) implements SourceChange {}
}
