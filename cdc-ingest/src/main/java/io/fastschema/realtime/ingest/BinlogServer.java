package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MySQL or MariaDB server that ingest reads through its binlog: which flavour it is ({@code
 * SELECT VERSION()}), hence which Debezium connector, and whether it is set up for capture. Every
 * problem is reported at once, each with the statement that fixes it.
 *
 * @param mariaDb whether the server is MariaDB (else MySQL)
 * @param version the server's {@code VERSION()}
 */
record BinlogServer(boolean mariaDb, String version) {

  /** How long the binlog must be kept at least: a stand-by's take-over plus a restart. */
  static final long MIN_RETENTION_SECONDS = 24 * 3600;

  static BinlogServer detect(DatabaseConfig db) throws SQLException {
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      String version = single(st, "SELECT VERSION()");
      return new BinlogServer(version.toLowerCase(Locale.ROOT).contains("mariadb"), version);
    }
  }

  static Connection connect(DatabaseConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  /** The Debezium connector for this flavour. */
  String connectorClass() {
    return mariaDb
        ? "io.debezium.connector.mariadb.MariaDbConnector"
        : "io.debezium.connector.mysql.MySqlConnector";
  }

  /**
   * Checks the settings and grants capture depends on.
   *
   * @return one line per problem, naming the statement (or server option) that fixes it; empty when
   *     capture can start
   */
  List<String> problems(DatabaseConfig db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      String logBin = variable(st, "log_bin");
      if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
        out.add(
            "log_bin is "
                + logBin
                + ": start the server with --log-bin (and a --server-id); it cannot be "
                + "changed at runtime");
      }
      expect(st, out, "binlog_format", "ROW");
      expect(st, out, "binlog_row_image", "FULL");
      String metadata = variable(st, "binlog_row_metadata");
      if (metadata != null && !"FULL".equalsIgnoreCase(metadata)) {
        out.add(
            "binlog_row_metadata is "
                + metadata
                + ": SET PERSIST binlog_row_metadata = 'FULL'; (MariaDB: SET GLOBAL "
                + "binlog_row_metadata = 'FULL'; and binlog_row_metadata=FULL in my.cnf)");
      }
      retention(st, out);
      grants(st, out, db.user());
    }
    return out;
  }

  private void expect(Statement st, List<String> out, String name, String wanted)
      throws SQLException {
    String value = variable(st, name);
    if (value != null && !wanted.equalsIgnoreCase(value)) {
      out.add(
          name
              + " is "
              + value
              + ": "
              + (mariaDb ? "SET GLOBAL " : "SET PERSIST ")
              + name
              + " = '"
              + wanted
              + "';"
              + (mariaDb ? " (and " + name + "=" + wanted + " in my.cnf)" : "")
              + " then reconnect the writers (existing sessions keep the old value)");
    }
  }

  private void retention(Statement st, List<String> out) throws SQLException {
    String seconds = variable(st, "binlog_expire_logs_seconds");
    if (seconds != null
        && !"0".equals(seconds)
        && Long.parseLong(seconds) < MIN_RETENTION_SECONDS) {
      out.add(
          "binlog_expire_logs_seconds is "
              + seconds
              + ": a stand-by or a restart after a longer outage would find its position purged; "
              + (mariaDb ? "SET GLOBAL " : "SET PERSIST ")
              + "binlog_expire_logs_seconds = "
              + MIN_RETENTION_SECONDS
              + ";");
    }
  }

  private static void grants(Statement st, List<String> out, String user) throws SQLException {
    StringBuilder all = new StringBuilder();
    try (ResultSet rs = st.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        String grant = rs.getString(1).toUpperCase(Locale.ROOT);
        if (grant.contains(" ON *.* ")) {
          all.append(grant).append('\n');
        }
      }
    }
    String global = all.toString();
    if (global.contains("ALL PRIVILEGES")) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String privilege : List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE")) {
      if (!global.contains(privilege)) {
        missing.add(privilege);
      }
    }
    // MariaDB 10.5+ shows REPLICATION CLIENT as BINLOG MONITOR.
    if (!global.contains("REPLICATION CLIENT") && !global.contains("BINLOG MONITOR")) {
      missing.add("REPLICATION CLIENT");
    }
    if (!missing.isEmpty()) {
      out.add(
          "user "
              + user
              + " lacks "
              + String.join(", ", missing)
              + ": GRANT "
              + String.join(", ", missing)
              + " ON *.* TO '"
              + user.replace("'", "''")
              + "'@'%';");
    }
  }

  private static String variable(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
      return rs.next() ? rs.getString(2) : null;
    }
  }

  private static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
