package io.fastschema.realtime.benchmarks.support;

import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.embedded.EmbeddedMariaDbServer;
import io.fastschema.realtime.embedded.EmbeddedPostgresServer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks' application database: an embedded PostgreSQL 17 or MariaDB 11.4 with FastSchema's
 * database and user ({@code fastschema}) created, as the standalone jar's embedded mode has it.
 */
public final class EmbeddedAppDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAppDatabase.class);
  private static final String NAME = "fastschema";

  private EmbeddedAppDatabase() {}

  /**
   * Starts the server of {@code kind}, adds it to {@code resources} (the caller closes them) and
   * creates the application database.
   */
  public static DatabaseCoordinates start(DatabaseKind kind, List<AutoCloseable> resources) {
    if (kind == DatabaseKind.MARIADB) {
      LOG.info("Starting embedded MariaDB");
      EmbeddedMariaDbServer server = EmbeddedMariaDbServer.start();
      resources.add(server);
      return server.createApplicationDatabase(NAME, NAME, NAME);
    }
    LOG.info("Starting embedded PostgreSQL");
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
    resources.add(server);
    return server.createApplicationDatabase(NAME, NAME, NAME);
  }

  /** Ingest's view of {@code app}: FastSchema's {@code DB_DRIVER} follows the server. */
  public static DatabaseConfig configOf(DatabaseCoordinates app) {
    return new DatabaseConfig(
        app.host(),
        app.port(),
        app.database(),
        app.user(),
        app.password(),
        app.kind() == DatabaseKind.MARIADB ? DatabaseConfig.MYSQL : DatabaseConfig.PGX);
  }
}
