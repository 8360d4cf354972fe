package io.fastschema.realtime.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;

/**
 * The application database of the stack under test, over JDBC: runs the cases' SQL and removes what
 * they created. Every call opens its own connection (a few hundred per run, cheap next to the
 * waits).
 *
 * <p>Thread-safe.
 */
final class AppDatabase {

  private final String jdbcUrl;

  AppDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /** Runs one statement in its own transaction; the first column of its first row, or null. */
  String execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      if (st.execute(sql)) {
        try (ResultSet rs = st.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
      return null;
    }
  }

  /** The first column of the first row of a query with string parameters, or null. */
  String queryString(String sql, String... params) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Deletes the access rows (permissions, memberships, users, roles) that any of these ids name,
   * dependants first.
   */
  void deleteAccessRows(Collection<String> uuids) throws SQLException {
    if (uuids.isEmpty()) {
      return;
    }
    // One uuid parameter per id: PostgreSQL needs the cast from text, MySQL/MariaDB convert.
    String one = onMySql() ? "?" : "CAST(? AS uuid)";
    String ids = "(" + String.join(", ", java.util.Collections.nCopies(uuids.size(), one)) + ")";
    List<String> statements =
        List.of(
            "DELETE FROM permissions WHERE id IN " + ids + " OR role_id IN " + ids,
            "DELETE FROM roles_users WHERE users IN " + ids + " OR roles IN " + ids,
            "DELETE FROM users WHERE id IN " + ids,
            "DELETE FROM roles WHERE id IN " + ids);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      for (String sql : statements) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          // Each IN list binds the ids in order; the statement holds one or two lists.
          List<String> ordered = List.copyOf(uuids);
          int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
          for (int i = 0; i < parameters; i++) {
            ps.setString(i + 1, ordered.get(i % ordered.size()));
          }
          ps.executeUpdate();
        }
      }
      c.commit();
    }
  }

  /** Whether the database is MySQL or MariaDB (FastSchema's {@code DB_DRIVER=mysql}). */
  boolean onMySql() {
    return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
  }

  /**
   * Deletes the content rows whose marker column starts with {@code prefix} (no LIKE wildcards).
   */
  void deleteContentRows(String prefix) throws SQLException {
    List<String> statements =
        List.of(
            "DELETE FROM blogs WHERE title LIKE ?",
            "DELETE FROM tags WHERE name LIKE ?",
            "DELETE FROM categories WHERE slug LIKE ? OR name LIKE ?");
    try (Connection c = connect()) {
      for (String sql : statements) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          bindAll(ps, sql, prefix + "%");
          ps.executeUpdate();
        }
      }
    }
  }

  /** Binds {@code value} to every parameter of {@code sql} (which has no other question marks). */
  private static void bindAll(PreparedStatement ps, String sql, String value) throws SQLException {
    int n = (int) sql.chars().filter(ch -> ch == '?').count();
    for (int i = 1; i <= n; i++) {
      ps.setString(i, value);
    }
  }
}
