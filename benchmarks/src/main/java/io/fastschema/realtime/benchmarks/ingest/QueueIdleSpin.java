package io.fastschema.realtime.benchmarks.ingest;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.pipeline.DataChangeEvent;
import io.debezium.util.LoggingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;

/**
 * What Debezium's {@link ChangeEventQueue} costs while nothing arrives, alone: one thread polls an
 * empty queue, as the embedded engine's poll thread does between changes, for 5 s per {@code
 * poll.interval.ms}, and its CPU time is printed. The queue's wait counts whole milliseconds and
 * does not wait once less than one is left, so about one millisecond of every interval is a busy
 * loop (BENCHMARKS.md, issue 14 item 3). Built with the settings ingest gives Debezium (batch
 * 2,048, queue 8,192: Debezium's defaults).
 *
 * <pre>
 * java -cp "$CP" io.fastschema.realtime.benchmarks.ingest.QueueIdleSpin [1 2 5 10 20 50]
 * </pre>
 */
public final class QueueIdleSpin {

  private static final Duration PER_INTERVAL = Duration.ofSeconds(5);

  private QueueIdleSpin() {}

  public static void main(String[] args) throws InterruptedException {
    String[] intervals = args.length == 0 ? new String[] {"1", "2", "5", "10", "20", "50"} : args;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String interval : intervals) {
      int ms = Integer.parseInt(interval);
      ChangeEventQueue<DataChangeEvent> queue =
          new ChangeEventQueue.Builder<DataChangeEvent>()
              .pollInterval(Duration.ofMillis(ms))
              .maxBatchSize(2048)
              .maxQueueSize(8192)
              .loggingContextSupplier(
                  () -> LoggingContext.forConnector("postgres", "spin", "queue"))
              .build();
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      int polls = 0;
      while (System.nanoTime() - start < PER_INTERVAL.toNanos()) {
        queue.poll();
        polls++;
      }
      double cores =
          (threads.getCurrentThreadCpuTime() - cpuStart) / (double) (System.nanoTime() - start);
      System.out.printf(
          Locale.ROOT,
          "poll.interval.ms=%d: %d empty polls in %d s, %.1f %% of a core%n",
          ms,
          polls,
          PER_INTERVAL.toSeconds(),
          cores * 100);
    }
  }
}
