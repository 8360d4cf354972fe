package io.fastschema.realtime.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the login role and database that a FastSchema installation runs on, the way an operator
 * would.
 *
 * <ul>
 *   <li>PostgreSQL 15+: the role is <em>not</em> a superuser but has {@code REPLICATION} (what
 *       Debezium needs for pgoutput), and it owns its database, hence the tables FastSchema creates
 *       and the publications on them.
 *   <li>MariaDB 10.6+ / MySQL 8+: the database is {@code utf8mb4_unicode_ci} (FastSchema's DSN);
 *       the user gets all privileges on it plus the global grants Debezium documents for a binlog
 *       reader ({@code SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT}; on
 *       MariaDB 10.5+ the last is an alias of {@code BINLOG MONITOR}), and no {@code SUPER}.
 * </ul>
 *
 * <p>Works against any such server reached through superuser coordinates (embedded or a container).
 * Stateless and thread-safe.
 */
public final class ApplicationDatabase {

  private ApplicationDatabase() {}

  /**
   * Creates (or, when present, re-asserts the attributes and password of) role {@code user} and
   * creates database {@code database} owned by it. Idempotent.
   *
   * @return coordinates for {@code user} on {@code database}, same host and port as {@code
   *     superuser}
   * @throws IllegalStateException if the database exists but belongs to another role
   */
  public static DatabaseCoordinates create(
      DatabaseCoordinates superuser, String database, String user, String password) {
    if (superuser.kind() == DatabaseKind.MARIADB) {
      return createOnMariaDb(superuser, database, user, password);
    }
    try (Connection connection = superuser.connect();
        Statement statement = connection.createStatement()) {
      String role = Sql.identifier(user);
      String attributes =
          " LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
              + Sql.literal(password);
      if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
        statement.execute("ALTER ROLE " + role + attributes);
      } else {
        statement.execute("CREATE ROLE " + role + attributes);
      }
      String owner = databaseOwner(connection, database);
      if (owner == null) {
        // CREATE DATABASE cannot run inside a transaction block; the connection is in autocommit.
        statement.execute(
            "CREATE DATABASE " + Sql.identifier(database) + " OWNER " + role + " ENCODING 'UTF8'");
      } else if (!owner.equals(user)) {
        throw new IllegalStateException(
            String.format("database %s exists but is owned by %s, not %s", database, owner, user));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create role " + user + " and database " + database + " on " + superuser, e);
    }
    return new DatabaseCoordinates(superuser.host(), superuser.port(), database, user, password);
  }

  private static DatabaseCoordinates createOnMariaDb(
      DatabaseCoordinates superuser, String database, String user, String password) {
    try (Connection connection = superuser.connect();
        Statement statement = connection.createStatement()) {
      String account = Sql.mariaDbLiteral(user) + "@'%'";
      statement.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + Sql.backquoted(database)
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      statement.execute(
          "CREATE USER IF NOT EXISTS "
              + account
              + " IDENTIFIED BY "
              + Sql.mariaDbLiteral(password));
      statement.execute("GRANT ALL PRIVILEGES ON " + Sql.backquoted(database) + ".* TO " + account);
      statement.execute(
          "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO "
              + account);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create user " + user + " and database " + database + " on " + superuser, e);
    }
    return new DatabaseCoordinates(
        superuser.host(), superuser.port(), database, user, password, DatabaseKind.MARIADB);
  }

  private static boolean exists(Connection connection, String query, String parameter)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String databaseOwner(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }
}
