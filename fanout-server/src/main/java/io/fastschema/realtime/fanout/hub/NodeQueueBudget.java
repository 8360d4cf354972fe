package io.fastschema.realtime.fanout.hub;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The outbound bytes every session of a node may hold together, queued or in flight, events and
 * echoes alike. Each session's own bound keeps one client from growing without limit, but hundreds
 * of clients that never read each stay just under theirs and exhaust the heap together; this bound
 * stops that well before the heap is reached.
 *
 * <p>Policy when a message would pass the bound: the session holding the most is closed as a slow
 * consumer (4008, with its cursor), which frees what it held, and the message is tried again; when
 * the session queuing the message holds the most itself, it is the one closed. Past three quarters
 * of the bound the node refuses new connections (1013), so that the room left serves the clients
 * already connected.
 *
 * <p>Counted in bytes of UTF-8, what the messages are written as. Thread-safe: one {@link
 * AtomicLong}; finding the largest session walks every session, but only when the bound is reached.
 */
public final class NodeQueueBudget {

  private final long limit;

  /** What sessions hold now, queued or in flight. */
  private final AtomicLong used = new AtomicLong();

  /** Walks every open session (subscribed and replaying): where the largest is looked for. */
  private final Consumer<Consumer<ClientSession>> sessions;

  private final Counter evictions;

  /**
   * @param limit bytes all sessions may hold together
   * @param sessions walks every open session
   * @param evictions counts sessions closed to stay within the bound
   */
  public NodeQueueBudget(
      long limit, Consumer<Consumer<ClientSession>> sessions, Counter evictions) {
    if (limit < 1) {
      throw new IllegalArgumentException("node queue limit must be positive, was " + limit);
    }
    this.limit = limit;
    this.sessions = sessions;
    this.evictions = evictions;
  }

  /** No node-wide bound: for sessions built outside a node (tests, benchmarks). */
  public static NodeQueueBudget unbounded() {
    return new NodeQueueBudget(Long.MAX_VALUE, each -> {}, null);
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used.get();
  }

  /** Whether new connections are accepted: under three quarters of the bound. */
  public boolean admitsNewSessions() {
    return used.get() < limit - limit / 4;
  }

  /** Takes {@code units} from the budget, unless that would pass the bound. */
  boolean tryTake(long units) {
    long now;
    do {
      now = used.get();
      if (now + units > limit) {
        return false;
      }
    } while (!used.compareAndSet(now, now + units));
    return true;
  }

  void giveBack(long units) {
    if (units != 0) {
      used.addAndGet(-units);
    }
  }

  /**
   * Closes the session holding the most, unless that is {@code asking} itself.
   *
   * @return whether another session was closed (so trying again may succeed)
   */
  boolean evictLargestBesides(ClientSession asking) {
    ClientSession[] largest = {null};
    long[] most = {asking.heldUnits()};
    sessions.accept(
        s -> {
          long held = s.heldUnits();
          if (s != asking && held > most[0]) {
            largest[0] = s;
            most[0] = held;
          }
        });
    if (largest[0] == null) {
      return false;
    }
    evicted(largest[0]);
    return true;
  }

  /** Closes a session to stay within the bound, and counts it. */
  void evicted(ClientSession s) {
    if (s.closeAsSlow("node queue bound reached") && evictions != null) {
      evictions.increment();
    }
  }

  @Override
  public String toString() {
    return "NodeQueueBudget[used=" + used.get() + ", limit=" + limit + "]";
  }
}
