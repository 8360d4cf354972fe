package io.fastschema.realtime.ingest;

/**
 * Corrects Debezium's {@code total_order} after a restart inside a transaction: Debezium resumes
 * right after the committed offset but counts the transaction's changes from 1 again (seen on
 * PostgreSQL: {@code GroupStartAfterRestartTest}), so the resumed changes would repeat orders
 * already published. The first change after the resume is the one after the {@link ResumePoint}:
 * its order is the point's {@code lastOrder + 1}, and the difference holds for the rest of the
 * transaction. Where Debezium counts on correctly, the difference is 0.
 *
 * <p>Not thread-safe: the engine's handler thread, one instance per engine run.
 */
final class ResumedOrders {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ResumedOrders.class);

  /** The transaction resumed inside, until its first change arrives; null otherwise. */
  private String pendingTx;

  private long pendingLastOrder;

  /** The transaction whose orders are corrected, and by how much; null when none. */
  private String correctedTx;

  private long difference;

  void resumeAfter(ResumePoint point) {
    if (point != null) {
      pendingTx = point.txId();
      pendingLastOrder = point.lastOrder();
    }
  }

  /** The order of a change of transaction {@code txId} that Debezium numbered {@code order}. */
  long correct(String txId, long order) {
    if (pendingTx != null) {
      if (pendingTx.equals(txId)) {
        correctedTx = txId;
        difference = pendingLastOrder + 1 - order;
        LOG.info(
            "Resumed inside transaction {} after its change {}: Debezium's orders shifted by {}",
            txId,
            pendingLastOrder,
            difference);
      }
      pendingTx = null;
    }
    if (correctedTx == null) {
      return order;
    }
    if (!correctedTx.equals(txId)) {
      correctedTx = null;
      return order;
    }
    return order + difference;
  }
}
