package io.fastschema.realtime.embedded;

/** The database servers the embedded services run and the tests provision. */
public enum DatabaseKind {
  /** PostgreSQL 15+, through pgjdbc. */
  POSTGRESQL("jdbc:postgresql://"),
  /**
   * MariaDB 10.6+ or MySQL 8.0+, through MariaDB Connector/J (which speaks to both). FastSchema's
   * {@code DB_DRIVER=mysql}.
   */
  MARIADB("jdbc:mariadb://");

  private final String jdbcScheme;

  DatabaseKind(String jdbcScheme) {
    this.jdbcScheme = jdbcScheme;
  }

  /** The JDBC URL up to the host, e.g. {@code jdbc:mariadb://}. */
  public String jdbcScheme() {
    return jdbcScheme;
  }
}
