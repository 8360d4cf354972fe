package io.fastschema.realtime.fanout.hub;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Where replay threads wait for room in one session's queue: a replay reads no faster than its
 * client, and never overflows it.
 *
 * <p>It waits on the owning {@link ClientSession}'s monitor, the lock that already guards the
 * queue, instead of a lock of its own: whoever takes a batch or clears the queue holds that monitor
 * anyway, so {@link #roomMade} costs nothing more than a check. Every method runs with that monitor
 * held. {@link #waiters} counts waiting threads so that the hot path notifies only when one waits
 * (it does not pay for replays).
 */
final class RoomWait {

  private final Object monitor;

  /** Threads in {@link #await}; guarded by the monitor. */
  private int waiters;

  RoomWait(Object monitor) {
    this.monitor = monitor;
  }

  /**
   * Blocks while {@code full} holds, until sends took enough of the queue (or the session closed,
   * which {@code full} sees) or {@code timeoutNanos} passed.
   *
   * @return false when {@code full} still held after {@code timeoutNanos}: the client makes no
   *     progress
   */
  boolean await(long timeoutNanos, BooleanSupplier full) throws InterruptedException {
    waiters++;
    try {
      long deadline = System.nanoTime() + timeoutNanos;
      while (full.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
      return true;
    } finally {
      waiters--;
    }
  }

  /** The queue shrank or the session closed: wakes a replay waiting for room. */
  void roomMade() {
    if (waiters > 0) {
      monitor.notifyAll();
    }
  }
}
