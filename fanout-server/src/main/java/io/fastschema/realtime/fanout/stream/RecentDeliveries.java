package io.fastschema.realtime.fanout.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last deliveries of one topic on this node, so that a session joining the live stream from a
 * position a little behind it (a reconnect after a few seconds, or a replay that reached the log
 * end while new records kept arriving) is caught up on the consumer thread, exactly, without
 * chasing a moving target with a Kafka consumer of its own.
 *
 * <p>Bounded in events, not deliveries: one statement can change thousands of rows, and its
 * delivery holds them all. Memory is that of the retained events (already decoded for dispatch).
 * Not thread-safe: the consumer thread only.
 */
final class RecentDeliveries {

  /** Most events kept, summed over the retained deliveries. */
  private final int capacity;

  private final ArrayDeque<Delivery> deliveries;
  private int events;

  /** Where the stream stood before the oldest retained delivery. */
  private StreamPosition start;

  RecentDeliveries(StreamPosition start, int capacity) {
    this.start = start;
    this.capacity = capacity;
    this.deliveries = new ArrayDeque<>(Math.min(capacity, 256));
  }

  void add(Delivery d) {
    deliveries.addLast(d);
    events += d.events().size();
    // A delivery larger than the whole capacity is not kept either: a reader behind it replays.
    while (events > capacity) {
      Delivery evicted = deliveries.removeFirst();
      events -= evicted.events().size();
      if (evicted.position() != null) {
        start = evicted.position();
      }
    }
  }

  /**
   * The retained deliveries a reader at {@code from} has not had, oldest first; null when some of
   * what it missed is no longer retained, or when they are more than {@code limit}.
   */
  List<Delivery> after(StreamPosition from, int limit) {
    if (!from.covers(start)) {
      return null;
    }
    List<Delivery> missed = new ArrayList<>();
    for (Delivery d : deliveries) {
      if (!d.liesBelow(from)) {
        if (missed.size() == limit) {
          return null;
        }
        missed.add(d);
      }
    }
    return missed;
  }

  int size() {
    return deliveries.size();
  }

  int events() {
    return events;
  }
}
