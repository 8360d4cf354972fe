package io.fastschema.realtime.ingest;

/**
 * Reads the transaction identity and order out of Debezium's PostgreSQL source block.
 *
 * <p>Event ids must grow in delivery (commit) order and be the same when a change is replayed.
 * Change LSNs alone do not grow in commit order (transactions interleave in the WAL), and Debezium
 * does not give each change its own transaction's commit LSN. It does give, in {@code sequence}
 * ({@code ["<last commit lsn>","<lsn>"]}), the commit LSN of the transaction processed before this
 * one: the same for every change of a transaction, strictly growing from one transaction to the
 * next, and restored from the offsets after a restart. That is the transaction's order key.
 */
final class TransactionIds {

  private TransactionIds() {}

  /** Debezium's transaction id is the xid, sometimes suffixed with {@code :<lsn>}. */
  static String xidOf(String debeziumTxId) {
    int colon = debeziumTxId.indexOf(':');
    return colon < 0 ? debeziumTxId : debeziumTxId.substring(0, colon);
  }

  /** The first element of {@code sequence}; 0 when Debezium has processed no commit yet. */
  static long previousCommitLsnOf(String sequence) {
    if (sequence == null) {
      return 0;
    }
    int open = sequence.indexOf('"');
    if (open < 0) {
      return 0; // [null,"123"]
    }
    int close = sequence.indexOf('"', open + 1);
    if (sequence.startsWith("[null")) {
      return 0;
    }
    try {
      return Long.parseLong(sequence.substring(open + 1, close));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "unexpected Debezium source.sequence '" + sequence + "': expected [\"<lsn>\",\"<lsn>\"]",
          e);
    }
  }
}
