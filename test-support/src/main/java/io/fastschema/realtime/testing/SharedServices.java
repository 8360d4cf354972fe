package io.fastschema.realtime.testing;

import io.fastschema.realtime.embedded.ApplicationDatabase;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.embedded.SeededIds;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The infrastructure a test runs against: a PostgreSQL or MariaDB server ({@code appDb.kind()})
 * with the sample FastSchema app installed and seeded, a Kafka cluster, and the FastSchema app
 * directory. A plain value: whichever provider started the services (embedded via {@link
 * SharedServicesExtension}, or containers) constructs it, usually through {@link #provision}.
 *
 * @param superuser a superuser on the server's maintenance database
 * @param appDb the application role (not a superuser, has REPLICATION) on the app database it owns
 * @param kafkaBootstrapServers {@code host:port[,host:port]}
 * @param appDir FastSchema's app directory: {@code data/schemas/*.json} and {@code data/.env}
 * @param appKey FastSchema's {@code APP_KEY}, the HS256 secret of access tokens
 * @param seeded primary keys of the seeded rows
 */
public record SharedServices(
    DatabaseCoordinates superuser,
    DatabaseCoordinates appDb,
    String kafkaBootstrapServers,
    Path appDir,
    String appKey,
    SeededIds seeded) {

  /** Database, role and password of the application, as FastSchema's own deployment would use. */
  public static final String APP_DATABASE = "fastschema";

  public static final String APP_USER = "fastschema";
  public static final String APP_PASSWORD = "fastschema";

  /** 32 characters, the length FastSchema generates; fixed so failures reproduce. */
  public static final String TEST_APP_KEY = "fastschema-realtime-test-app-key";

  public SharedServices {
    Objects.requireNonNull(superuser, "superuser");
    Objects.requireNonNull(appDb, "appDb");
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(appDir, "appDir");
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(seeded, "seeded");
  }

  /**
   * Installs the sample app on a running PostgreSQL or MariaDB/MySQL (by {@code superuser.kind()})
   * and describes the result: creates role and database {@value #APP_DATABASE}, writes the app
   * directory with {@link #TEST_APP_KEY}, creates the tables as the application role and seeds
   * them. Works with any PostgreSQL 15+ that has {@code wal_level=logical}, and any MariaDB 10.7+
   * with the binlog on; the database must not exist yet (or be empty).
   */
  public static SharedServices provision(
      DatabaseCoordinates superuser, String kafkaBootstrapServers, Path appDir) {
    DatabaseCoordinates appDb =
        ApplicationDatabase.create(superuser, APP_DATABASE, APP_USER, APP_PASSWORD);
    SampleApp.writeAppDir(appDir, TEST_APP_KEY);
    SampleApp.createTables(appDb);
    SeededIds seeded = SampleApp.seed(appDb);
    return new SharedServices(
        superuser, appDb, kafkaBootstrapServers, appDir, TEST_APP_KEY, seeded);
  }

  /** {@code <appDir>/data/schemas}, where FastSchema keeps the schema JSON files. */
  public Path schemasDir() {
    return appDir.resolve("data").resolve("schemas");
  }
}
