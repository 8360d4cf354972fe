package io.fastschema.realtime.testing;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A MySQL server in a container, set up the way ingest requires of a FastSchema database on MySQL:
 * the binlog is on in ROW format with full row images (MySQL 8's defaults), and {@code
 * binlog_row_metadata=FULL} (not a default; ingest refuses to start without it). The root account
 * is the superuser. Stopped by {@link #close()}.
 */
final class MySqlContainerServer implements AutoCloseable {

  /** The image when {@code -Dfastschema.test.mysql.image} is not set: MySQL's current LTS. */
  static final String DEFAULT_IMAGE = "mysql:8.4";

  private final MySQLContainer container;

  private MySqlContainerServer(MySQLContainer container) {
    this.container = container;
  }

  static MySqlContainerServer start() {
    String image = System.getProperty("fastschema.test.mysql.image", DEFAULT_IMAGE);
    MySQLContainer container =
        new MySQLContainer(image)
            // The image passes options that start with "--" to mysqld. A larger packet than the
            // conf file Testcontainers mounts (1M): bulk test statements and their row events.
            .withCommand("--binlog-row-metadata=FULL", "--max-allowed-packet=64M");
    container.start();
    return new MySqlContainerServer(container);
  }

  /** root on the {@code mysql} database, over the mapped port. */
  DatabaseCoordinates superuser() {
    return new DatabaseCoordinates(
        container.getHost(),
        container.getMappedPort(MySQLContainer.MYSQL_PORT),
        "mysql",
        "root",
        container.getPassword(),
        DatabaseKind.MARIADB);
  }

  String image() {
    return container.getDockerImageName();
  }

  @Override
  public void close() {
    container.stop();
  }
}
