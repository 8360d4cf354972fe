package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Who reads the replication slot, from {@code pg_replication_slots}: streaming means this instance
 * reads it, since only then is a fanout client guaranteed every change.
 *
 * <p>Thread-safe: each query opens its own connection.
 */
final class ReplicationSlot {

  private final DatabaseConfig db;
  private final String name;

  /** The slot's reader when this instance became leader (a dead peer's lingering walsender). */
  private volatile Integer staleReader;

  ReplicationSlot(DatabaseConfig db, String name) {
    this.db = db;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** This instance just became leader: whoever reads the slot now is a dead peer, not us. */
  void noteStaleReader() throws SQLException {
    staleReader = readerPid();
  }

  /** Whether the slot is read by this instance's engine. */
  boolean readByUs() throws SQLException {
    Integer reader = readerPid();
    // Only the leader runs an engine, so an active reader is ours, unless it is the one that
    // was already there when we took over (a dead peer's, not yet gone).
    return reader != null && !reader.equals(staleReader);
  }

  private static final String SLOT_READER =
      "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active";

  /**
   * MySQL/MariaDB have no slot: the reader is the binlog dump thread of our user (a user sees its
   * own threads without the PROCESS privilege).
   */
  private static final String BINLOG_READER =
      "SELECT id FROM information_schema.processlist WHERE command LIKE 'Binlog Dump%' "
          + "AND user = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) ORDER BY id DESC LIMIT 1";

  private Integer readerPid() throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps = c.prepareStatement(db.isMySql() ? BINLOG_READER : SLOT_READER)) {
      if (!db.isMySql()) {
        ps.setString(1, name);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }
}
