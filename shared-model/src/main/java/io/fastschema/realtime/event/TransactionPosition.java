package io.fastschema.realtime.event;

/**
 * Where an event stands in its source transaction, so that consumers can rebuild FastSchema's
 * message grouping: a group is a maximal run of consecutive changes of one table with one operation
 * inside one transaction (a single UPDATE of 50 rows is one group of 50).
 *
 * <p>Groups are contiguous in {@code order}, so a consumer that has seen the event marked {@code
 * lastInGroup} knows the group has {@code order - groupStart + 1} events, even when key
 * partitioning spread them over several partitions.
 *
 * @param id the source transaction id (PostgreSQL xid)
 * @param order 1-based position of this change among all changes of the transaction
 * @param groupStart the {@code order} of the first change of this event's group
 * @param lastInGroup whether this is the group's last change
 * @param lastInTransaction whether this is the transaction's last published event: a consumer that
 *     sees it knows every other event of the transaction is below the current end offset of its
 *     partition, on every topic (ingest's UnacknowledgedPartitions)
 */
public record TransactionPosition(
    String id, long order, long groupStart, boolean lastInGroup, boolean lastInTransaction) {

  public TransactionPosition {
    if (order < 1 || groupStart < 1 || groupStart > order) {
      throw new IllegalArgumentException(
          "need 1 <= groupStart <= order, got groupStart=" + groupStart + " order=" + order);
    }
  }

  /** A change that is not its transaction's last. */
  public TransactionPosition(String id, long order, long groupStart, boolean lastInGroup) {
    this(id, order, groupStart, lastInGroup, false);
  }

  /** Number of events in the group; meaningful on the last event of the group. */
  public long groupSize() {
    return order - groupStart + 1;
  }
}
