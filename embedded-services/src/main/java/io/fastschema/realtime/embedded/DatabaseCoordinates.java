package io.fastschema.realtime.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where a PostgreSQL or MariaDB/MySQL database is and who to log in as. Immutable; {@link
 * #toString()} masks the password.
 *
 * @param host host name or address (an IPv6 literal is bracketed in {@link #jdbcUrl()})
 * @param port TCP port, 1–65535
 * @param database database name
 * @param user login role
 * @param password password; empty when the server trusts local connections
 * @param kind which server protocol (and JDBC driver) to use
 */
public record DatabaseCoordinates(
    String host, int port, String database, String user, String password, DatabaseKind kind) {

  /** Coordinates of a PostgreSQL database. */
  public DatabaseCoordinates(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, DatabaseKind.POSTGRESQL);
  }

  public DatabaseCoordinates {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
  }

  /**
   * The JDBC URL without credentials, e.g. {@code jdbc:postgresql://localhost:5432/fastschema} or
   * {@code jdbc:mariadb://localhost:3306/fastschema?allowPublicKeyRetrieval=true}.
   */
  public String jdbcUrl() {
    return jdbcUrlWith("");
  }

  /**
   * The JDBC URL with {@code options} ({@code a=b&c=d}, may be empty) added to the ones the kind
   * needs, e.g. {@code jdbc:mariadb://localhost:3306/fastschema?allowPublicKeyRetrieval=true&a=b}.
   */
  public String jdbcUrlWith(String options) {
    String hostPart = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    String query =
        kind.connectionOptions().isEmpty() || options.isEmpty()
            ? kind.connectionOptions() + options
            : kind.connectionOptions() + "&" + options;
    return kind.jdbcScheme()
        + hostPart
        + ":"
        + port
        + "/"
        + database
        + (query.isEmpty() ? "" : "?" + query);
  }

  /** Opens a new JDBC connection as {@link #user()}; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /** The same server and credentials, another database. */
  public DatabaseCoordinates withDatabase(String otherDatabase) {
    return new DatabaseCoordinates(host, port, otherDatabase, user, password, kind);
  }

  @Override
  public String toString() {
    return "DatabaseCoordinates["
        + jdbcUrl()
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "" : "****")
        + "]";
  }
}
