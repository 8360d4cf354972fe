package io.fastschema.realtime.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact order statistics of a set of durations (all samples kept and sorted: a run has at most a
 * few million). Percentiles use the nearest-rank method, so every reported value is an observed
 * sample and p99.9 of 1000 samples is the maximum.
 *
 * <p>Immutable.
 */
final class LatencyDistribution {

  /** The percentiles every report shows. */
  static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private final long[] sortedNanos;

  private LatencyDistribution(long[] sortedNanos) {
    this.sortedNanos = sortedNanos;
  }

  static LatencyDistribution of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencyDistribution(sorted);
  }

  int count() {
    return sortedNanos.length;
  }

  /** The sample at rank ceil(p/100 * n); NaN when there are no samples. */
  double percentileMs(double percentile) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
  }

  double minMs() {
    return sortedNanos.length == 0 ? Double.NaN : sortedNanos[0] / 1e6;
  }

  double maxMs() {
    return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
  }

  double meanMs() {
    return sortedNanos.length == 0
        ? Double.NaN
        : Arrays.stream(sortedNanos).average().orElse(Double.NaN) / 1e6;
  }

  /** {@code count, min, p50, p90, p99, p99_9, max, mean} in milliseconds, rounded to µs. */
  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", count());
    out.put("min", micros(minMs()));
    for (double p : PERCENTILES) {
      out.put(percentileKey(p), micros(percentileMs(p)));
    }
    out.put("max", micros(maxMs()));
    out.put("mean", micros(meanMs()));
    return out;
  }

  /** {@code p50}, {@code p99_9}: JSON-friendly names. */
  static String percentileKey(double p) {
    String text = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    return "p" + text.replace('.', '_');
  }

  /** {@code p50}, {@code p99.9}: for people. */
  static String percentileLabel(double p) {
    return "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
  }

  private static Double micros(double ms) {
    return Double.isNaN(ms) ? null : Math.round(ms * 1000) / 1000.0;
  }
}
