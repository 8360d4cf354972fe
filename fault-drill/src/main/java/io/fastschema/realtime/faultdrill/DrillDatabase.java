package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseCoordinates;

/**
 * The database server under a drill, a process of its own that a scenario can crash (SIGKILL) and
 * start again on the same data and port: {@link RestartablePostgres} or {@link RestartableMariaDb}.
 */
interface DrillDatabase extends AutoCloseable {

  /** An account with every privilege, for provisioning the sample app. */
  DatabaseCoordinates superuser();

  int port();

  /** SIGKILL to the server and every process it started; returns once they are gone. */
  void kill9();

  /** Starts again on the same data directory and port (crash recovery after {@link #kill9}). */
  void restart();

  /** Stops the server. */
  @Override
  void close();
}
