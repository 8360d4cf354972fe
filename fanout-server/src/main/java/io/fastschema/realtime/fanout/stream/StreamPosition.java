package io.fastschema.realtime.fanout.stream;

import java.util.Arrays;

/**
 * How far a reader of one schema topic has delivered: for every partition, the offset of the first
 * record not yet delivered, and the id of the last event delivered before it. Everything below the
 * offsets has been delivered (or judged not to concern the subscriber); nothing at or above them
 * has. Offsets are a prefix per partition because {@link TopicSequencer} delivers each partition in
 * offset order; a group of events spread over partitions is delivered whole, so no group straddles
 * a position.
 *
 * <p>The ids seed duplicate detection when reading resumes here: a record re-published by an ingest
 * crash lies above the offset but carries an id not above the last one delivered.
 *
 * <p>Immutable. Its cursor text depends on whom it is issued to ({@link #cursor(CursorBinding)}).
 */
public final class StreamPosition {

  private final String topic;
  private final long[] offsets;

  /** Per partition, null when nothing was delivered from it. */
  private final String[] lastIds;

  public StreamPosition(String topic, long[] offsets, String[] lastIds) {
    if (offsets.length != lastIds.length) {
      throw new IllegalArgumentException(
          "offsets and ids differ in length: " + offsets.length + " vs " + lastIds.length);
    }
    this.topic = topic;
    this.offsets = offsets.clone();
    this.lastIds = lastIds.clone();
  }

  /** Before the first record of every partition: "from the beginning". */
  public static StreamPosition beginning(String topic) {
    return new StreamPosition(topic, new long[0], new String[0]);
  }

  /**
   * Reads a client's {@code since=} cursor, given for {@code topic} by the user and subscription
   * that {@code binding} names (it names the topic too).
   */
  public static StreamPosition ofCursor(String cursor, String topic, CursorBinding binding)
      throws ResumeCursor.InvalidCursorException {
    ResumeCursor.Parts parts = ResumeCursor.decode(cursor, binding);
    return new StreamPosition(topic, parts.offsets(), parts.lastIds());
  }

  public String topic() {
    return topic;
  }

  /** Partitions described; partitions beyond are at their beginning (offset 0). */
  public int partitions() {
    return offsets.length;
  }

  public long offset(int partition) {
    return partition < offsets.length ? offsets[partition] : 0L;
  }

  /** The id of the last event delivered from a partition, or null. */
  public String lastId(int partition) {
    return partition < lastIds.length ? lastIds[partition] : null;
  }

  /** Whether everything delivered up to {@code other} is also delivered up to this position. */
  public boolean covers(StreamPosition other) {
    int n = Math.max(partitions(), other.partitions());
    for (int p = 0; p < n; p++) {
      if (offset(p) < other.offset(p)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The opaque, URL-safe text the client that {@code binding} names hands back in {@code since=}.
   */
  public String cursor(CursorBinding binding) {
    return ResumeCursor.encode(offsets, lastIds, binding);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamPosition p
        && p.topic.equals(topic)
        && Arrays.equals(p.offsets, offsets)
        && Arrays.equals(p.lastIds, lastIds);
  }

  @Override
  public int hashCode() {
    return topic.hashCode() * 31 + Arrays.hashCode(offsets);
  }

  @Override
  public String toString() {
    return topic + Arrays.toString(offsets);
  }
}
