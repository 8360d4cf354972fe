package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.RecordEvent;

/**
 * Decides each change's group (a maximal run of consecutive changes of one table with one operation
 * in one transaction) and marks the group's last change. Whether a change is the last of its group
 * is known only when the next change, or the end of the transaction, arrives; so exactly one change
 * is held back at a time. The alternative, buffering whole transactions, would hold memory
 * proportional to the largest transaction.
 *
 * <p>Not thread-safe: used by the engine's batch-handling thread only.
 */
final class GroupMarker {

  /** The change waiting for its successor; null when nothing is held. */
  private ChangeDraft held;

  /** The {@code order} of the first change of the held change's group. */
  private long heldGroupStart;

  /** Takes the next change; returns the previously held one, now complete, or null. */
  RecordEvent offer(ChangeDraft next) {
    RecordEvent released = null;
    long groupStart = next.order();
    if (held != null) {
      boolean continues = held.continuesWith(next);
      released = held.complete(heldGroupStart, !continues, false);
      if (continues) {
        groupStart = heldGroupStart;
      }
    }
    held = next;
    heldGroupStart = groupStart;
    return released;
  }

  /** The transaction ended: its held change, if any, is the last of its group. */
  RecordEvent endTransaction(String txId) {
    if (held == null || !held.txId().equals(txId)) {
      return null;
    }
    RecordEvent released = held.complete(heldGroupStart, true, true);
    held = null;
    return released;
  }

  boolean isHolding() {
    return held != null;
  }
}
