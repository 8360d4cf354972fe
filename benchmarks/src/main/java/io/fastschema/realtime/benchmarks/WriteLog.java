package io.fastschema.realtime.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each benchmark write started and when its commit was acknowledged, by sequence number
 * ({@code System.nanoTime}). The sequence number is what the write puts into the row (see {@link
 * RowValue}), so a received message finds its write by value alone.
 *
 * <p>Thread-safe: the load benchmark writes it from several writer threads and reads it on Jetty's
 * threads as messages arrive.
 */
final class WriteLog {

  /** Marks a sequence number that was never written. */
  static final long NONE = Long.MIN_VALUE;

  private final AtomicLongArray startNanos;
  private final AtomicLongArray ackNanos;

  WriteLog(int capacity) {
    startNanos = new AtomicLongArray(capacity);
    ackNanos = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      startNanos.set(i, NONE);
      ackNanos.set(i, NONE);
    }
  }

  int capacity() {
    return ackNanos.length();
  }

  void record(int seq, long started, long acknowledged) {
    startNanos.set(seq, started);
    ackNanos.set(seq, acknowledged);
  }

  long startNanos(int seq) {
    return startNanos.get(seq);
  }

  /**
   * When {@code executeUpdate} returned, i.e. the commit was acknowledged; {@link #NONE} if
   * unwritten.
   */
  long ackNanos(int seq) {
    return ackNanos.get(seq);
  }
}
