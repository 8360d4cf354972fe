package io.fastschema.realtime.examples;

import java.util.HashMap;
import java.util.Map;

/**
 * Drops replays as the contract says: delivery is at least once, a replayed change carries the same
 * event id, and on one partition ids only grow (fixed-width hex, compared as strings). So
 * remembering the highest id per partition is enough: an id not above it was seen. Memory is one
 * string per partition.
 */
public final class Deduplicator {

  private final Map<Integer, String> highestByPartition = new HashMap<>();

  /** True if the event is new (and remembers it); false for a replay. */
  public boolean firstTime(int partition, String eventId) {
    String highest = highestByPartition.get(partition);
    if (highest != null && eventId.compareTo(highest) <= 0) {
      return false;
    }
    highestByPartition.put(partition, eventId);
    return true;
  }
}
