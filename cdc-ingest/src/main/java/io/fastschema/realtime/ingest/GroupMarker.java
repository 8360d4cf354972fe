package io.fastschema.realtime.ingest;

/**
 * Decides each change's group (a maximal run of consecutive changes of one table with one operation
 * in one transaction) and marks the group's last change. Whether a change is the last of its group
 * is known only when the next change, or the end of the transaction, arrives; so exactly one change
 * is held back at a time. The alternative, buffering whole transactions, would hold memory
 * proportional to the largest transaction.
 *
 * <p>After a restart inside a transaction, {@link #resumeAfter} gives the marker the last change
 * published before (stored with the committed source offset), so that the first change continues
 * its group.
 *
 * <p>Not thread-safe: used by the engine's batch-handling thread only.
 */
final class GroupMarker {

  /** The change waiting for its successor; null when nothing is held. */
  private ChangeDraft held;

  /** The held change as its successor sees it; null when nothing is held. */
  private GroupTail heldTail;

  /** The last change published before a restart, until the first change is offered. */
  private GroupTail resumed;

  /** The change before the next one offered, published by an earlier run; null for none. */
  void resumeAfter(GroupTail published) {
    if (held == null) {
      resumed = published;
    }
  }

  /** Takes the next change; returns the previously held one, now complete, or null. */
  ContentEvent offer(ChangeDraft next) {
    ContentEvent released = null;
    GroupTail before = held != null ? heldTail : resumed;
    resumed = null;
    boolean continues = before != null && before.continuesWith(next);
    if (held != null) {
      released = held.complete(heldTail.groupStart(), !continues, false);
    }
    long groupStart = continues ? before.groupStart() : next.order();
    held = next;
    heldTail = GroupTail.of(next, groupStart);
    return released;
  }

  /** The transaction ended: its held change, if any, is the last of its group. */
  ContentEvent endTransaction(String txId) {
    resumed = null;
    if (held == null || !held.txId().equals(txId)) {
      return null;
    }
    ContentEvent released = held.complete(heldTail.groupStart(), true, true);
    held = null;
    heldTail = null;
    return released;
  }

  /** The held change as its successor will see it (what a restart needs); null when none. */
  GroupTail tail() {
    return heldTail;
  }

  boolean isHolding() {
    return held != null;
  }
}
