package io.fastschema.realtime.benchmarks;

import java.time.Instant;

/**
 * Ties {@code System.nanoTime} to wall-clock time at one instant, so that monotonic stamps taken
 * here can be compared with the epoch-millisecond stamps the pipeline puts into its Kafka records
 * ({@code commit_ts_ms}, {@code capture_ts_ms}). Over a benchmark's seconds the two clocks do not
 * drift apart measurably; the records' millisecond resolution dominates the error.
 *
 * @param epochNanos wall-clock time, nanoseconds since the epoch
 * @param monotonicNanos {@code System.nanoTime()} at the same moment
 */
record ClockAnchor(long epochNanos, long monotonicNanos) {

  static ClockAnchor now() {
    Instant wall = Instant.now();
    long monotonic = System.nanoTime();
    return new ClockAnchor(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), monotonic);
  }

  long toEpochNanos(long monotonic) {
    return epochNanos + (monotonic - monotonicNanos);
  }
}
