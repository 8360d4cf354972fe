package io.fastschema.realtime.ingest;

/**
 * Debezium's PostgreSQL transaction ids have the form {@code "<xid>:<lsn>"}, where the LSN is the
 * transaction's final (commit) LSN announced by pgoutput's BEGIN message. Events are delivered in
 * commit order, so that LSN orders event ids across transactions.
 */
final class TransactionIds {

  private TransactionIds() {}

  static String xidOf(String debeziumTxId) {
    int colon = debeziumTxId.indexOf(':');
    return colon < 0 ? debeziumTxId : debeziumTxId.substring(0, colon);
  }

  /** The commit LSN, or {@code fallback} when the id carries none. */
  static long commitLsnOf(String debeziumTxId, long fallback) {
    int colon = debeziumTxId.indexOf(':');
    if (colon < 0) {
      return fallback;
    }
    try {
      return Long.parseLong(debeziumTxId.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("unexpected Debezium transaction id '" + debeziumTxId
          + "': expected <xid>:<lsn>", e);
    }
  }
}
