package io.fastschema.realtime.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A concurrent log-linear histogram of durations, for runs with too many samples to keep (the load
 * benchmark records millions of deliveries from Jetty's threads). Each power of two of nanoseconds
 * is split into {@value #SUB_BUCKETS} equal buckets, so a reported value is within 1/128 (0.8 %)
 * above the true sample; durations below {@value #SUB_BUCKETS} ns are exact. Percentiles use the
 * nearest-rank method, like {@link LatencyDistribution}, and report the bucket's upper bound (never
 * lower than the sample). Negative durations count as 0.
 *
 * <p>Thread-safe, lock-free: {@link #record} is two atomic increments and a max update.
 */
final class LatencyHistogram {

  static final int SUB_BUCKETS = 128;
  private static final int SUB_BITS = 7; // log2(SUB_BUCKETS)

  /** Exponents 0..63 of a long; the first SUB_BUCKETS values have a linear bucket each. */
  private static final int BUCKETS = (64 - SUB_BITS + 1) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong sumNanos = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();

  void record(long nanos) {
    long value = Math.max(0, nanos);
    counts.incrementAndGet(indexOf(value));
    total.incrementAndGet();
    sumNanos.addAndGet(value);
    maxNanos.accumulateAndGet(value, Math::max);
  }

  /** Bucket of a non-negative value: linear below SUB_BUCKETS, then SUB_BUCKETS per octave. */
  static int indexOf(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int octave = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS + 1; // >= 1
    int sub = (int) (value >>> (octave - 1)) - SUB_BUCKETS; // the SUB_BITS bits below the top one
    return octave * SUB_BUCKETS + sub;
  }

  /** The largest value that falls into bucket {@code index}. */
  static long upperBoundOf(int index) {
    if (index < SUB_BUCKETS) {
      return index;
    }
    int octave = index / SUB_BUCKETS;
    long sub = index % SUB_BUCKETS;
    long lowest = (SUB_BUCKETS + sub) << (octave - 1);
    return lowest + (1L << (octave - 1)) - 1;
  }

  long count() {
    return total.get();
  }

  /**
   * Nearest rank: the upper bound of the bucket holding sample number ceil(p/100 * n); NaN if
   * empty.
   */
  double percentileMs(double percentile) {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperBoundOf(i), maxNanos.get()) / 1e6;
      }
    }
    return maxNanos.get() / 1e6; // records raced in after count() was read
  }

  double maxMs() {
    return count() == 0 ? Double.NaN : maxNanos.get() / 1e6;
  }

  double meanMs() {
    long n = count();
    return n == 0 ? Double.NaN : sumNanos.get() / (double) n / 1e6;
  }

  /** {@code count, p50, p90, p99, p99_9, max, mean} in milliseconds, rounded to µs. */
  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", count());
    for (double p : LatencyDistribution.PERCENTILES) {
      out.put(LatencyDistribution.percentileKey(p), micros(percentileMs(p)));
    }
    out.put("max", micros(maxMs()));
    out.put("mean", micros(meanMs()));
    return out;
  }

  private static Double micros(double ms) {
    return Double.isNaN(ms) ? null : Math.round(ms * 1000) / 1000.0;
  }
}
