package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ingest instance streams: a PostgreSQL session-level advisory lock, or on MySQL/MariaDB a
 * named lock ({@code GET_LOCK}), held on a connection of its own. It dies with its holder (a killed
 * process's connection closes, and PostgreSQL releases the lock), needs no privilege, and lives
 * where the data does, so a partition from the database also ends the leadership. Keyed by the slot
 * name: one leader per slot.
 *
 * <p>Not thread-safe: used by the leadership thread only (and {@link #close} at shutdown).
 */
final class LeadershipLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeadershipLock.class);

  private final DatabaseConfig db;
  private final long key;

  /** The MySQL/MariaDB named lock ({@code GET_LOCK}): at most 64 characters. */
  private final String name;

  private Connection connection;
  private boolean held;

  LeadershipLock(DatabaseConfig db, String slotName) {
    this.db = db;
    // A stable 64-bit key for the slot; the text prefix keeps clear of other users' lock keys.
    this.key = ("fastschema-realtime/" + slotName).hashCode() * 0x9E3779B97F4A7C15L;
    this.name = "fastschema-realtime/" + slotName;
  }

  /** Takes the lock if it is free; false when another instance holds it. */
  boolean tryAcquire() throws SQLException {
    if (held && stillHeld()) {
      return true;
    }
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
    String sql = db.isMySql() ? "SELECT GET_LOCK(?, 0)" : "SELECT pg_try_advisory_lock(?)";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      if (db.isMySql()) {
        ps.setString(1, name);
      } else {
        ps.setLong(1, key);
      }
      try (ResultSet rs = ps.executeQuery()) {
        held = rs.next() && rs.getBoolean(1);
      }
    }
    return held;
  }

  /** Whether the lock's connection is still alive (and with it the lock). */
  boolean stillHeld() {
    if (!held) {
      return false;
    }
    try {
      held = connection != null && connection.isValid(2);
    } catch (SQLException e) {
      held = false;
    }
    return held;
  }

  @Override
  public void close() {
    held = false;
    if (connection != null) {
      try {
        connection.close(); // releases the lock
      } catch (SQLException e) {
        LOG.debug("Closing the leadership connection failed: {}", e.toString());
      }
      connection = null;
    }
  }
}
