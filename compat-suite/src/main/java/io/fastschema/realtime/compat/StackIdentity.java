package io.fastschema.realtime.compat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is who in the database under test: a user holding a root role (the suite's {@code root} token
 * speaks for it) and roles by name ({@code User}, {@code Guest}, as FastSchema's setup creates
 * them).
 *
 * <p>Thread-safe; role lookups are cached for the run.
 */
final class StackIdentity {

  private final AppDatabase db;
  private final String rootUserId;
  private final String rootRoleId;
  private final String rootUsername;
  private final Map<String, String> rolesByName = new ConcurrentHashMap<>();

  private StackIdentity(AppDatabase db, String rootUserId, String rootRoleId, String rootUsername) {
    this.db = db;
    this.rootUserId = rootUserId;
    this.rootRoleId = rootRoleId;
    this.rootUsername = rootUsername;
  }

  /**
   * Finds the oldest user holding a root role.
   *
   * @throws IllegalStateException when the database has none (the suite needs one)
   */
  static StackIdentity discover(AppDatabase db) throws SQLException {
    // Written for PostgreSQL and MySQL/MariaDB alike: the drivers read a uuid as its text.
    String sql =
        "SELECT u.id, r.id, COALESCE(u.username, '') FROM users u "
            + "JOIN roles_users ru ON ru.users = u.id JOIN roles r ON r.id = ru.roles "
            + "WHERE r.root = true AND u.deleted_at IS NULL AND r.deleted_at IS NULL "
            + "ORDER BY u.created_at, u.id LIMIT 1";
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException(
            "no user holds a root role in the database under test; "
                + "the suite's root token needs one (FastSchema's setup creates 'admin' in 'Admin')");
      }
      return new StackIdentity(db, rs.getString(1), rs.getString(2), rs.getString(3));
    }
  }

  String rootUserId() {
    return rootUserId;
  }

  String rootRoleId() {
    return rootRoleId;
  }

  String rootUsername() {
    return rootUsername;
  }

  /**
   * The id of the role with this name.
   *
   * @throws IllegalArgumentException when there is none
   */
  String roleId(String name) {
    return rolesByName.computeIfAbsent(
        name,
        n -> {
          try {
            String id =
                db.queryString(
                    "SELECT id FROM roles WHERE name = ? "
                        + "AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
                    n);
            if (id == null) {
              throw new IllegalArgumentException("no role named '" + n + "' in the database");
            }
            return id;
          } catch (SQLException e) {
            throw new IllegalStateException("cannot look up role " + n + ": " + e.getMessage(), e);
          }
        });
  }
}
