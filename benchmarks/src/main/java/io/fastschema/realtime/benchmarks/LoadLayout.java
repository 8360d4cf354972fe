package io.fastschema.realtime.benchmarks;

import java.net.URI;
import java.util.Arrays;

/**
 * Who subscribes to what and which rows each statement changes. Client {@code i} is given row
 * {@code i mod M}; statement {@code k} changes rows {@code k·B … k·B+B-1} (mod M), so writes cycle
 * through all rows and consecutive statements touch disjoint rows while {@code M >= writers·B}.
 *
 * <p>Immutable.
 */
final class LoadLayout {

  private final Long[] rowIds;
  private final int clients;
  private final int rowsPerTxn;
  private final LoadSubscription subscribe;

  LoadLayout(Long[] rowIds, int clients, int rowsPerTxn, LoadSubscription subscribe) {
    this.rowIds = rowIds.clone();
    this.clients = clients;
    this.rowsPerTxn = Math.min(rowsPerTxn, rowIds.length);
    this.subscribe = subscribe;
  }

  URI uri(String base, int client) {
    return URI.create(base + "?" + subscribe.query(rowIds[client % rowIds.length]));
  }

  /** The ids statement {@code k} updates. */
  Long[] rowsOf(long k) {
    Long[] out = new Long[rowsPerTxn];
    for (int j = 0; j < rowsPerTxn; j++) {
      out[j] = rowIds[(int) ((k * rowsPerTxn + j) % rowIds.length)];
    }
    return out;
  }

  Long[] allRows() {
    return rowIds.clone();
  }

  /** Messages statement {@code k} should produce: one per client whose subscription it touches. */
  long expectedMessages(long k) {
    if (!subscribe.perRow()) {
      return clients;
    }
    int m = rowIds.length;
    boolean[] seen = new boolean[m];
    long expected = 0;
    for (int j = 0; j < rowsPerTxn; j++) {
      int r = (int) ((k * rowsPerTxn + j) % m);
      if (!seen[r]) {
        seen[r] = true;
        expected += clients / m + (r < clients % m ? 1 : 0);
      }
    }
    return expected;
  }

  @Override
  public String toString() {
    return clients
        + " clients on "
        + rowIds.length
        + " rows "
        + Arrays.toString(Arrays.copyOf(rowIds, Math.min(3, rowIds.length)))
        + "…, "
        + subscribe.wireName();
  }
}
