package io.fastschema.realtime.benchmarks.support;

import io.fastschema.realtime.embedded.DatabaseKind;

/** The {@code database=} argument of the benchmarks that can run on either embedded server. */
public final class BenchDatabase {

  private BenchDatabase() {}

  /**
   * {@code postgresql} or {@code mariadb}.
   *
   * @throws IllegalArgumentException for anything else, naming the value
   */
  public static DatabaseKind parse(String name) {
    return switch (name) {
      case "postgresql" -> DatabaseKind.POSTGRESQL;
      case "mariadb" -> DatabaseKind.MARIADB;
      default ->
          throw new IllegalArgumentException(
              "database must be postgresql or mariadb, was '" + name + "'");
    };
  }
}
