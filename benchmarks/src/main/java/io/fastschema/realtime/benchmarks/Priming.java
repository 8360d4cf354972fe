package io.fastschema.realtime.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The priming phase of a load run: one statement over the given rows, repeated until every client
 * has received something. Proves each subscription is registered (and its relation tables loaded)
 * before anything is measured. Uses sequence numbers {@code [0, }{@value #SEQS}{@code )}; the
 * phases after it start at {@value #SEQS}.
 */
final class Priming {

  /** Sequence numbers reserved for priming. */
  static final int SEQS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final long POLL_MILLIS = 20;

  private Priming() {}

  /**
   * @throws IllegalStateException when a connection ended, or after {@value #SEQS} writes
   */
  static void untilEveryClientReceives(PacedWriters writers, Long[] rows, LoadClients load)
      throws Exception {
    for (int seq = 0; seq < SEQS; seq++) {
      writers.writeNow(seq, rows);
      long deadline = System.nanoTime() + INTERVAL.toNanos();
      while (System.nanoTime() < deadline) {
        if (load.allReceivedAny()) {
          LOG.info("Every client receives changes (after {} priming writes)", seq + 1);
          return;
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
      if (load.closedCount() > 0) {
        throw new IllegalStateException("connections ended while priming: " + load.closedSummary());
      }
    }
    throw new IllegalStateException(
        "not every client received a change after " + SEQS + " priming writes");
  }
}
