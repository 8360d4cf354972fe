package io.fastschema.realtime.ingest;

/** What one Debezium record means to ingest. */
sealed interface SourceChange {

  /** A row change of a captured content table. */
  record Row(ChangeDraft draft) implements SourceChange {}

  /** The end of a source transaction (Debezium's transaction metadata END record). */
  record TransactionEnd(String txId) implements SourceChange {}

  /** Anything else: BEGIN, heartbeats, changes of tables we do not publish, truncates. */
  record Ignored(String why) implements SourceChange {}
}
