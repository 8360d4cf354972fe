package io.fastschema.realtime.embedded;

/** The database servers the embedded services run and the tests provision. */
public enum DatabaseKind {
  /** PostgreSQL 15+, through pgjdbc. */
  POSTGRESQL("jdbc:postgresql://"),
  /**
   * MariaDB 10.6+ or MySQL 8.0+, through MariaDB Connector/J (which speaks to both). FastSchema's
   * {@code DB_DRIVER=mysql}.
   */
  MARIADB("jdbc:mariadb://", "allowPublicKeyRetrieval=true");

  private final String jdbcScheme;
  private final String connectionOptions;

  DatabaseKind(String jdbcScheme) {
    this(jdbcScheme, "");
  }

  /**
   * @param connectionOptions JDBC URL options every connection needs; for MariaDB Connector/J the
   *     RSA key retrieval MySQL 8+'s default {@code caching_sha2_password} needs without TLS (as
   *     ingest's {@code DatabaseConfig.MYSQL_KEY_RETRIEVAL} explains)
   */
  DatabaseKind(String jdbcScheme, String connectionOptions) {
    this.jdbcScheme = jdbcScheme;
    this.connectionOptions = connectionOptions;
  }

  /** Options for the JDBC URL's query ({@code a=b&c=d}), empty when none are needed. */
  public String connectionOptions() {
    return connectionOptions;
  }

  /** The JDBC URL up to the host, e.g. {@code jdbc:mariadb://}. */
  public String jdbcScheme() {
    return jdbcScheme;
  }
}
