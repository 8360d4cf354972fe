package io.fastschema.realtime.config;

/**
 * Where FastSchema's database is, read from FastSchema's own variables.
 *
 * @param driver FastSchema's {@code DB_DRIVER}: {@code pgx} (PostgreSQL) or {@code mysql} (MySQL
 *     and MariaDB)
 * @param password secret: never logged, see {@link #toString()}
 */
public record DatabaseConfig(
    String host, int port, String database, String user, String password, String driver) {

  /** FastSchema's driver name for PostgreSQL. */
  public static final String PGX = "pgx";

  /** FastSchema's driver name for MySQL and MariaDB. */
  public static final String MYSQL = "mysql";

  /** A PostgreSQL database ({@code DB_DRIVER=pgx}). */
  public DatabaseConfig(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, PGX);
  }

  /**
   * Reads and validates the DB_* settings; problems go to the reader. An unset {@code DB_PORT} is
   * the driver's usual port (5432 or 3306).
   */
  public static DatabaseConfig read(ConfigReader reader) {
    String why = "to attach to FastSchema's database";
    String driver = reader.get(CommonSettings.DB_DRIVER);
    boolean mysql = MYSQL.equals(driver);
    return new DatabaseConfig(
        reader.get(CommonSettings.DB_HOST),
        mysql && !reader.isSet(CommonSettings.DB_PORT) ? 3306 : reader.get(CommonSettings.DB_PORT),
        reader.required(CommonSettings.DB_NAME, why),
        reader.required(CommonSettings.DB_USER, why),
        reader.required(CommonSettings.DB_PASS, why),
        mysql ? MYSQL : PGX);
  }

  /** Whether this is a MySQL or MariaDB database (read from the binlog). */
  public boolean isMySql() {
    return MYSQL.equals(driver);
  }

  /**
   * MariaDB Connector/J's option that lets it fetch a MySQL 8+ server's RSA key for {@code
   * caching_sha2_password} (MySQL's default) over a connection without TLS, which it otherwise
   * refuses once the server's password cache is cold (after a restart, before FastSchema has logged
   * in). FastSchema's own driver (go-sql-driver/mysql) asks for that key unasked, so this exposes
   * nothing FastSchema's connection does not; MariaDB servers ignore it.
   */
  public static final String MYSQL_KEY_RETRIEVAL = "allowPublicKeyRetrieval=true";

  /**
   * The JDBC URL without credentials. MySQL and MariaDB are both reached through MariaDB
   * Connector/J, which speaks to either (with {@link #MYSQL_KEY_RETRIEVAL}).
   */
  public String jdbcUrl() {
    return isMySql()
        ? "jdbc:mariadb://" + host + ":" + port + "/" + database + "?" + MYSQL_KEY_RETRIEVAL
        : "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The same database reached at another host and port. */
  public DatabaseConfig withAddress(String otherHost, int otherPort) {
    return new DatabaseConfig(otherHost, otherPort, database, user, password, driver);
  }

  @Override
  public String toString() {
    return "DatabaseConfig["
        + driver
        + " "
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + ", password=****]";
  }
}
