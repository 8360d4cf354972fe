package io.fastschema.realtime.faultdrill;

import java.time.Duration;

/**
 * kill -9 the ingest that holds the slot's lock (found by its /readyz: 200 streaming, 503 standby)
 * during a write burst. The standby gets the lock once the database notices the dead session (the
 * advisory lock on PostgreSQL, GET_LOCK on MariaDB), continues from the offsets committed in Kafka,
 * and republishes what the dead one had published but not yet committed offsets for: same event
 * ids, which the fanout must drop.
 */
class IngestKillScenario extends Scenario {

  /**
   * @param key {@code ingest-kill} (an unpaced burst: ingest lags, its batches are large and each
   *     ends with an offset flush, so few events are republished) or {@code ingest-kill-paced}
   *     (steady writes: up to an offset-flush interval of published events is replayed)
   */
  IngestKillScenario(String key, int rows, int rate, int faultAfterRows) {
    this(key, rows, rate, faultAfterRows, 1);
  }

  /**
   * @param rowsPerStatement more than 1: rows are written by {@code COPY} batches, so the kill can
   *     land between changes that share one log position ({@code ingest-kill-copy})
   */
  IngestKillScenario(String key, int rows, int rate, int faultAfterRows, int rowsPerStatement) {
    super(
        key,
        "kill -9 the streaming cdc-ingest during "
            + (rate == 0 ? "a write burst" : "writes at " + rate + "/s")
            + (rowsPerStatement > 1 ? ", COPY of " + rowsPerStatement + " rows per statement" : ""),
        rows,
        rate,
        faultAfterRows,
        1);
    this.rowsPerStatement = rowsPerStatement;
  }

  private final int rowsPerStatement;

  @Override
  int rowsPerStatement() {
    return rowsPerStatement;
  }

  @Override
  FaultTimes inject(DrillStack stack, Clients clients) {
    ServiceNode active = stack.activeIngest();
    ServiceNode standby =
        stack.ingests().stream().filter(n -> n != active).findFirst().orElseThrow();
    active.kill9();
    long downAt = System.nanoTime();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!standby.readiness().ok()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            standby
                + " did not take over within 120 s of the kill of "
                + active
                + "; log tail:\n"
                + standby.process().logTail(40));
      }
      Sleep.millis(20);
    }
    return new FaultTimes(downAt, System.nanoTime());
  }
}
