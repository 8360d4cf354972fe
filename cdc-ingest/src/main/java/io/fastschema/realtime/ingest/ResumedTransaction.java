package io.fastschema.realtime.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrects what Debezium gets wrong about a transaction it resumes in the middle of (after a
 * restart whose committed offset falls inside it, {@link ResumePoint}). Seen on PostgreSQL ({@code
 * GroupStartAfterRestartTest}): it counts the transaction's {@code total_order} from 1 again, so
 * the resumed changes would repeat orders already published; and it no longer knows the previous
 * transaction's commit LSN ({@code sequence[0]} is null), so their {@code source.prev_commit_lsn}
 * and event ids would start with 0: replays would get new ids, and ids would stop growing. The
 * first change after the resume is the one after the point: its order is the point's {@code
 * lastOrder + 1}, the difference holds for the rest of the transaction, and the previous commit LSN
 * is the point's. Where Debezium gets them right, nothing changes.
 *
 * <p>Not thread-safe: the engine's handler thread, one instance per engine run.
 */
final class ResumedTransaction {

  private static final Logger LOG = LoggerFactory.getLogger(ResumedTransaction.class);

  /** Where the run resumed, until the first change of a transaction arrives; null otherwise. */
  private ResumePoint pending;

  /** The transaction being corrected; null when none. */
  private String txId;

  private long orderDifference;
  private long prevCommitLsn;

  void resumeAfter(ResumePoint point) {
    pending = point;
  }

  /**
   * The order of a change of transaction {@code tx} that Debezium numbered {@code order}. Called
   * for every change before anything else of it is read (the first change after a resume decides
   * the correction); calling it again for the same change gives the same answer.
   */
  long order(String tx, long order) {
    if (pending != null) {
      if (pending.txId().equals(tx)) {
        txId = tx;
        orderDifference = pending.lastOrder() + 1 - order;
        prevCommitLsn = pending.prevCommitLsn();
        LOG.info(
            "Resumed inside transaction {} after its change {}: Debezium's orders shifted by {},"
                + " previous commit LSN {}",
            tx,
            pending.lastOrder(),
            orderDifference,
            prevCommitLsn);
      }
      pending = null;
    } else if (txId != null && !txId.equals(tx)) {
      txId = null;
    }
    return tx.equals(txId) ? order + orderDifference : order;
  }

  /** The previous commit LSN of a change of transaction {@code tx} (after {@link #order}). */
  long prevCommitLsn(String tx, long prevCommitLsn) {
    return tx.equals(txId) ? this.prevCommitLsn : prevCommitLsn;
  }
}
