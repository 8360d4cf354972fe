package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the benchmark's changes: {@code UPDATE blogs SET views = <value> WHERE id = <blog>}, one
 * row each, on one connection in auto-commit mode, so {@code executeUpdate} returning means
 * PostgreSQL acknowledged the commit. That moment is the start of every measured latency. The load
 * benchmark also uses {@link #writeRows}: one statement setting the same value on several rows,
 * which FastSchema clients receive as one message per transaction group.
 *
 * <p>Not thread-safe. Lifecycle: {@link #open} → writes → {@link #close}.
 */
final class UpdateWriter implements ChangeWriter {

  private final Connection connection;
  private final PreparedStatement update;
  private final WriteLog log;

  /** {@code UPDATE blogs SET views = ? WHERE id = ANY (?)}, prepared on first use. */
  private PreparedStatement updateRows;

  private UpdateWriter(Connection connection, PreparedStatement update, WriteLog log) {
    this.connection = connection;
    this.update = update;
    this.log = log;
  }

  static UpdateWriter open(DatabaseCoordinates db, long blogId, WriteLog log) throws SQLException {
    Connection connection = db.connect();
    try {
      connection.setAutoCommit(true);
      PreparedStatement update =
          connection.prepareStatement("UPDATE blogs SET views = ? WHERE id = ?");
      update.setLong(2, blogId);
      return new UpdateWriter(connection, update, log);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** One committed update carrying {@code seq}. */
  void write(int seq) throws SQLException {
    update.setLong(1, RowValue.of(seq));
    long started = System.nanoTime();
    int rows = update.executeUpdate();
    long acknowledged = System.nanoTime();
    if (rows != 1) {
      throw new IllegalStateException(
          "the benchmark row is gone: UPDATE matched " + rows + " rows");
    }
    log.record(seq, started, acknowledged);
  }

  /**
   * One committed statement setting {@code views} of every row in {@code blogIds} to {@code seq}'s
   * value.
   */
  @Override
  public void writeRows(int seq, Long[] blogIds) throws SQLException {
    if (updateRows == null) {
      updateRows = connection.prepareStatement("UPDATE blogs SET views = ? WHERE id = ANY (?)");
    }
    updateRows.setLong(1, RowValue.of(seq));
    updateRows.setArray(2, connection.createArrayOf("bigint", blogIds));
    long started = System.nanoTime();
    int rows = updateRows.executeUpdate();
    long acknowledged = System.nanoTime();
    if (rows != blogIds.length) {
      throw new IllegalStateException(
          "benchmark rows are gone: UPDATE of "
              + blogIds.length
              + " ids matched "
              + rows
              + " rows");
    }
    log.record(seq, started, acknowledged);
  }

  /**
   * Writes {@code count} updates starting at {@code fromSeq}, the i-th due at {@code start + i /
   * rate}. A write that falls behind (slow commit, descheduled thread) is made at once and the
   * schedule is kept, rather than shifted: the rate stays the one asked for.
   */
  Pacing writePaced(int fromSeq, int count, int ratePerSecond) throws SQLException {
    if (count == 0) {
      return new Pacing(0, 0, 0, 0);
    }
    long first = System.nanoTime();
    long maxLag = 0;
    for (int i = 0; i < count; i++) {
      long due = first + (long) (i * 1e9 / ratePerSecond);
      waitUntil(due);
      maxLag = Math.max(maxLag, System.nanoTime() - due);
      write(fromSeq + i);
    }
    return new Pacing(count, log.startNanos(fromSeq), log.startNanos(fromSeq + count - 1), maxLag);
  }

  private static void waitUntil(long dueNanos) {
    long remaining;
    while ((remaining = dueNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      update.close();
      if (updateRows != null) {
        updateRows.close();
      }
    } finally {
      connection.close();
    }
  }
}
