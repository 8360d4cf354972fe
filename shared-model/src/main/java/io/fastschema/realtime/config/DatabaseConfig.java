package io.fastschema.realtime.config;

/**
 * Where FastSchema's database is, read from FastSchema's own variables.
 *
 * @param password secret: never logged, see {@link #toString()}
 */
public record DatabaseConfig(String host, int port, String database, String user, String password) {

  /** Reads and validates the DB_* settings; problems go to the reader. */
  public static DatabaseConfig read(ConfigReader reader) {
    String why = "to attach to FastSchema's database";
    reader.get(CommonSettings.DB_DRIVER);
    return new DatabaseConfig(
        reader.get(CommonSettings.DB_HOST),
        reader.get(CommonSettings.DB_PORT),
        reader.required(CommonSettings.DB_NAME, why),
        reader.required(CommonSettings.DB_USER, why),
        reader.required(CommonSettings.DB_PASS, why));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + user + "@" + host + ":" + port + "/" + database + ", password=****]";
  }
}
