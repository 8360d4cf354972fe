package io.fastschema.realtime.benchmarks;

import java.util.Arrays;

/**
 * When each benchmark write started and when its commit was acknowledged, by sequence number
 * ({@code System.nanoTime}). The sequence number is what the write puts into the row (see
 * {@link RowValue}), so a received message finds its write by value alone.
 *
 * <p>Not thread-safe: written and read by the thread that runs the benchmark.
 */
final class WriteLog {

  /** Marks a sequence number that was never written. */
  static final long NONE = Long.MIN_VALUE;

  private final long[] startNanos;
  private final long[] ackNanos;

  WriteLog(int capacity) {
    startNanos = new long[capacity];
    ackNanos = new long[capacity];
    Arrays.fill(startNanos, NONE);
    Arrays.fill(ackNanos, NONE);
  }

  int capacity() {
    return ackNanos.length;
  }

  void record(int seq, long started, long acknowledged) {
    startNanos[seq] = started;
    ackNanos[seq] = acknowledged;
  }

  long startNanos(int seq) {
    return startNanos[seq];
  }

  /** When {@code executeUpdate} returned, i.e. the commit was acknowledged; {@link #NONE} if unwritten. */
  long ackNanos(int seq) {
    return ackNanos[seq];
  }
}
