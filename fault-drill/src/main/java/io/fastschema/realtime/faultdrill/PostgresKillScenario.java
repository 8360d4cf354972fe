package io.fastschema.realtime.faultdrill;

/**
 * kill -9 PostgreSQL (postmaster and all backends) during writes and start it again on the same
 * data directory and port: crash recovery from WAL, the replication slot survives. Both ingest
 * processes lose their lock connection; one of them gets the lock again, and its Debezium engine
 * restarts (with back-off) from the offsets in Kafka. Writes that fail while the database is down
 * are not committed and are retried with new rows.
 */
final class PostgresKillScenario extends Scenario {

  PostgresKillScenario(int rows, int rate, int faultAfterRows) {
    super(
        "postgres-kill",
        "kill -9 PostgreSQL during writes, restart on the same data and port",
        rows,
        rate,
        faultAfterRows,
        1);
  }

  @Override
  FaultTimes inject(DrillStack stack, Clients clients) {
    stack.postgres().kill9();
    long downAt = System.nanoTime();
    stack.postgres().restart();
    return new FaultTimes(downAt, System.nanoTime());
  }
}
