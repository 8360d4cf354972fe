package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts blog rows the way a FastSchema app does (one {@code INSERT} per transaction, autocommit)
 * on a thread of its own, titled {@code <prefix><attempt>}, until {@code rows} commits were
 * acknowledged. A failed attempt (database down) is retried with the next title, never the same
 * one: an attempt whose commit was not acknowledged may still have committed, and only the database
 * knows, so the drill counts committed rows from the database, not from here.
 *
 * <p>Paced at {@code ratePerSecond} attempts per second (0: as fast as the database takes them).
 * Thread-safe for readers.
 */
final class RowWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RowWriter.class);

  private final DatabaseCoordinates db;
  private final String prefix;
  private final int rows;
  private final int ratePerSecond;
  private final int rowsPerStatement;

  /** Title → System.nanoTime when its commit was acknowledged. */
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

  private final AtomicInteger failedAttempts = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String firstFailure;
  private volatile Throwable crash;

  /**
   * @param rowsPerStatement 1: one {@code INSERT} per transaction; more: one {@code COPY} of that
   *     many rows per transaction (titles {@code <prefix><attempt>-<i>}), all acknowledged together
   */
  RowWriter(
      DatabaseCoordinates db, String prefix, int rows, int ratePerSecond, int rowsPerStatement) {
    this(db, prefix, rows, ratePerSecond, rowsPerStatement, false);
  }

  /**
   * A writer of primary-key changes: attempt {@code k} moves the existing row titled {@code
   * <prefix>k} to id + {@link #REKEY_SHIFT} and retitles it {@link #rekeyedTitle}, one {@code
   * UPDATE} per transaction (PostgreSQL logs it as one change; Debezium and ingest turn it into a
   * delete of the old key and a create of the new one, at one log position). The rows must exist.
   */
  static RowWriter rekeying(DatabaseCoordinates db, String prefix, int rows, int ratePerSecond) {
    return new RowWriter(db, prefix, rows, ratePerSecond, 1, true);
  }

  /** How far a re-key moves a row's id: beyond every id the drill's inserts reach. */
  static final long REKEY_SHIFT = 1_000_000_000L;

  /** The title a re-key gives the row titled {@code title}. */
  static String rekeyedTitle(String title) {
    return title + "-rekeyed";
  }

  private final boolean rekey;

  private RowWriter(
      DatabaseCoordinates db,
      String prefix,
      int rows,
      int ratePerSecond,
      int rowsPerStatement,
      boolean rekey) {
    this.rekey = rekey;
    this.rowsPerStatement = rowsPerStatement;
    this.db = db;
    this.prefix = prefix;
    this.rows = rows;
    this.ratePerSecond = ratePerSecond;
    this.thread = new Thread(this::run, "drill-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long startedAt = System.nanoTime();
    int attempt = 0;
    Connection connection = null;
    PreparedStatement insert = null;
    try {
      // A re-key writer has exactly `rows` rows to move: one whose attempt failed stays put.
      while (!stopped && acknowledged.size() < rows && !(rekey && attempt >= rows)) {
        if (ratePerSecond > 0) {
          long due = startedAt + attempt * 1_000_000_000L / ratePerSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        String title = prefix + attempt++;
        try {
          if (connection == null) {
            connection = db.connect();
            insert =
                connection.prepareStatement(
                    rekey
                        ? "UPDATE blogs SET id = id + "
                            + REKEY_SHIFT
                            + ", title = ? WHERE title = ?"
                        : "INSERT INTO blogs (title) VALUES (?)");
          }
          if (rekey) {
            insert.setString(1, rekeyedTitle(title));
            insert.setString(2, title);
            if (insert.executeUpdate() == 1) {
              acknowledged.put(rekeyedTitle(title), System.nanoTime());
            }
          } else if (rowsPerStatement == 1) {
            insert.setString(1, title);
            insert.executeUpdate();
            acknowledged.put(title, System.nanoTime());
          } else {
            copy(connection, title);
          }
        } catch (SQLException e) {
          if (failedAttempts.getAndIncrement() == 0) {
            firstFailure = title + ": " + e.getMessage();
            LOG.info("Writer: {} failed ({}); retrying with new titles", title, e.getMessage());
          }
          closeQuietly(connection);
          connection = null;
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      crash = e;
      LOG.error("Writer crashed after {} attempts", attempt, e);
    } finally {
      closeQuietly(connection);
    }
  }

  /** One COPY of {@code rowsPerStatement} rows titled {@code <title>-<i>}, autocommitted. */
  private void copy(Connection connection, String title) throws SQLException {
    StringBuilder rowsText = new StringBuilder();
    for (int i = 0; i < rowsPerStatement; i++) {
      rowsText.append(title).append('-').append(i).append('\n');
    }
    try {
      connection
          .unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY blogs (title) FROM STDIN", new java.io.StringReader(rowsText.toString()));
    } catch (java.io.IOException e) {
      throw new SQLException("COPY of " + title + " failed: " + e.getMessage(), e);
    }
    long at = System.nanoTime();
    for (int i = 0; i < rowsPerStatement; i++) {
      acknowledged.put(title + "-" + i, at);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // The connection is broken already (the reason we close it); nothing to release.
    }
  }

  /** Rows whose commit was acknowledged so far. */
  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** When the commit of {@code title} was acknowledged, or null (failed, unknown, not written). */
  Long acknowledgedAt(String title) {
    return acknowledged.get(title);
  }

  int failedAttempts() {
    return failedAttempts.get();
  }

  String firstFailure() {
    return firstFailure;
  }

  /**
   * Waits until {@code count} commits were acknowledged; fails if the writer died or time ran out.
   */
  void awaitAcknowledged(int count, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (acknowledged.size() < count) {
      if (crash != null || !thread.isAlive()) {
        throw new IllegalStateException(
            "writer ended at " + acknowledged.size() + " of " + count + " rows", crash);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "writer at "
                + acknowledged.size()
                + " of "
                + count
                + " rows after "
                + limit
                + " ("
                + failedAttempts.get()
                + " failed attempts, first: "
                + firstFailure
                + ")");
      }
      Sleep.millis(5);
    }
  }

  /** Waits for the writer to finish all rows. */
  void awaitDone(Duration limit) {
    awaitAcknowledged(rows, limit);
    try {
      thread.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
