package io.fastschema.realtime.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinOneBucketAboveTheExactNearestRank() {
    Random random = new Random(42);
    long[] samples = new long[100_000];
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 0; i < samples.length; i++) {
      // 0.1 ms .. ~2 s, log-uniform: spans many octaves
      samples[i] = (long) (100_000 * Math.pow(20_000, random.nextDouble()));
      histogram.record(samples[i]);
    }
    LatencyDistribution exact = LatencyDistribution.of(samples);
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      double want = exact.percentileMs(p);
      double got = histogram.percentileMs(p);
      assertTrue(
          got >= want && got <= want * (1 + 1.0 / LatencyHistogram.SUB_BUCKETS),
          "p" + p + ": exact " + want + " ms, histogram " + got + " ms");
    }
    assertEquals(Arrays.stream(samples).max().getAsLong() / 1e6, histogram.maxMs(), 1e-9);
    assertEquals(samples.length, histogram.count());
  }

  @Test
  void smallValuesAreExactAndNegativeOnesCountAsZero() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(-5);
    histogram.record(3);
    histogram.record(127);
    assertEquals(0, histogram.percentileMs(1) * 1e6, 1e-9);
    assertEquals(3, histogram.percentileMs(50) * 1e6, 1e-9);
    assertEquals(127, histogram.percentileMs(100) * 1e6, 1e-9);
  }

  @Test
  void everyValueFallsIntoTheBucketWhoseBoundsHoldIt() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong() >>> (1 + random.nextInt(63)); // non-negative, any magnitude
      int index = LatencyHistogram.indexOf(v);
      assertTrue(v <= LatencyHistogram.upperBoundOf(index), "value " + v + " above its bucket");
      assertTrue(
          index == 0 || v > LatencyHistogram.upperBoundOf(index - 1),
          "value " + v + " belongs to an earlier bucket");
    }
  }

  @Test
  void emptyHistogramHasNoPercentiles() {
    assertTrue(Double.isNaN(new LatencyHistogram().percentileMs(50)));
  }
}
