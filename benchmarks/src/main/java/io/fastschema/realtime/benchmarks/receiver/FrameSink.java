package io.fastschema.realtime.benchmarks.receiver;

/**
 * Where a {@link FrameCounter} reports what needs more than a count. Called on the selector thread,
 * so implementations must be quick and must not allocate per call if the measurement is to stay
 * honest.
 */
public interface FrameSink {

  /** Nothing beyond the counts. */
  FrameSink NONE = new FrameSink() {};

  /**
   * A complete text message arrived.
   *
   * @param firstViews the first {@code "views":} number in its payload, -1 when there is none (only
   *     when views scanning is on)
   * @param viewsKeys how many {@code "views":} keys it holds (rows, for the load benchmark)
   * @param arrivedNanos {@code System.nanoTime} of the read that completed it
   */
  default void message(long firstViews, int viewsKeys, long arrivedNanos) {}

  /** The server closed connection {@code connection} with {@code code} (1005 when it gave none). */
  default void closed(int connection, int code) {}
}
