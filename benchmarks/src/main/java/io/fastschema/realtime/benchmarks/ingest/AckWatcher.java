package io.fastschema.realtime.benchmarks.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Watches ingest's acknowledged-event counter from its own thread (every 0.5 ms; the counter is an
 * atomic read, no Kafka traffic) and notes when the first of a run's events was acknowledged and
 * when the last one was. Sampling, so both times are late by at most half a millisecond.
 *
 * <p>One run per instance; {@link #await} from the thread that started it.
 */
final class AckWatcher {

  private static final long POLL_NANOS = 500_000;

  private final LongSupplier acknowledged;
  private final long baseline;
  private final long target;
  private final Thread thread;
  private volatile long firstAckNanos;
  private volatile long lastAckNanos;

  /** Starts watching for {@code events} acknowledgements beyond the current count. */
  AckWatcher(LongSupplier acknowledged, long events) {
    this.acknowledged = acknowledged;
    this.baseline = acknowledged.getAsLong();
    this.target = baseline + events;
    this.thread = new Thread(this::watch, "ingest-bench-ack-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    while (!Thread.currentThread().isInterrupted()) {
      long now = acknowledged.getAsLong();
      long t = System.nanoTime();
      if (firstAckNanos == 0 && now > baseline) {
        firstAckNanos = t;
      }
      if (now >= target) {
        lastAckNanos = t;
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * Waits for the last acknowledgement.
   *
   * @return {@code System.nanoTime} of the first and of the last acknowledgement
   * @throws IllegalStateException when not all were acknowledged within {@code timeout}
   */
  long[] await(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      thread.interrupt();
      throw new IllegalStateException(
          (acknowledged.getAsLong() - baseline)
              + " of "
              + (target - baseline)
              + " events acknowledged "
              + timeout
              + " after the last commit");
    }
    return new long[] {firstAckNanos, lastAckNanos};
  }
}
