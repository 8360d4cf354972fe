package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.Operation;

/**
 * A change as the next one sees it when {@link GroupMarker} decides whether the next one continues
 * its group (a maximal run of consecutive changes of one table with one operation in one
 * transaction).
 *
 * @param groupStart the {@code order} of the first change of the group
 */
record GroupTail(String txId, String table, Operation op, long order, long groupStart) {

  static GroupTail of(ChangeDraft change, long groupStart) {
    return new GroupTail(change.txId(), change.table(), change.op(), change.order(), groupStart);
  }

  /** Whether {@code next} is in the same group: same transaction, table and op, next in order. */
  boolean continuesWith(ChangeDraft next) {
    return txId.equals(next.txId())
        && table.equals(next.table())
        && op == next.op()
        && next.order() == order + 1;
  }
}
