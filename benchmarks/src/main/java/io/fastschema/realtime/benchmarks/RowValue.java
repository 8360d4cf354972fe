package io.fastschema.realtime.benchmarks;

/**
 * Maps sequence numbers to the {@code views} values the benchmark writes and back. The offset keeps
 * benchmark values apart from the seeded ones (and from hand-made updates in a demo session), so a
 * message that carries any other value is counted as unmatched rather than mistaken for a write.
 */
final class RowValue {

  private static final long OFFSET = 1_000_000_000L;

  private RowValue() {}

  static long of(int seq) {
    return OFFSET + seq;
  }

  /** The sequence number of a value, or -1 when the value is not one of ours. */
  static int seqOf(long value, int capacity) {
    long seq = value - OFFSET;
    return seq >= 0 && seq < capacity ? (int) seq : -1;
  }
}
