package io.fastschema.realtime.faultdrill;

/**
 * kill -9 the database server during writes and start it again on the same data directory and port.
 * PostgreSQL: crash recovery from WAL, the replication slot survives. MariaDB: InnoDB and binlog
 * crash recovery, the server starts a new binlog file after the old one. Both ingest processes lose
 * their lock connection (advisory lock, or GET_LOCK); one of them gets the lock again, and its
 * Debezium engine restarts (with back-off) from the offsets in Kafka. Writes that fail while the
 * database is down are not committed and are retried with new rows.
 */
final class DatabaseKillScenario extends Scenario {

  /**
   * @param key {@code postgres-kill} or {@code mariadb-kill}: the database the stack runs
   */
  DatabaseKillScenario(String key, String database, int rows, int rate, int faultAfterRows) {
    super(
        key,
        "kill -9 " + database + " during writes, restart on the same data and port",
        rows,
        rate,
        faultAfterRows,
        1);
  }

  @Override
  FaultTimes inject(DrillStack stack, Clients clients) {
    stack.database().kill9();
    long downAt = System.nanoTime();
    stack.database().restart();
    return new FaultTimes(downAt, System.nanoTime());
  }
}
