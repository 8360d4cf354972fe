package io.fastschema.realtime.benchmarks;

/**
 * How well a paced run of writes kept to its schedule.
 *
 * @param writes how many writes were made
 * @param firstStartNanos when the first write started
 * @param lastStartNanos when the last write started
 * @param maxLagNanos the latest any write started after its scheduled time (a slow commit or a
 *     descheduled writer thread shows up here)
 */
record Pacing(int writes, long firstStartNanos, long lastStartNanos, long maxLagNanos) {

  /** Writes per second between the first and the last start; the target rate when on schedule. */
  double achievedRate() {
    long span = lastStartNanos - firstStartNanos;
    return writes < 2 || span <= 0 ? Double.NaN : (writes - 1) * 1e9 / span;
  }
}
