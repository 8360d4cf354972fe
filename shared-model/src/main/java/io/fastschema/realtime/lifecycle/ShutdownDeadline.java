package io.fastschema.realtime.lifecycle;

import java.time.Duration;

/**
 * Bounds how long a process may take to stop. Shutdown hooks wait on libraries (Kafka clients,
 * Debezium) whose close can block for a long time when their peer is already gone; an orchestrator
 * then has to kill -9. Arming the deadline halts the JVM once it passes, after saying so.
 */
public final class ShutdownDeadline {

  private ShutdownDeadline() {}

  /** Starts a daemon timer that halts the JVM with status 1 after {@code limit}. */
  public static void arm(Duration limit) {
    Thread timer =
        new Thread(
            () -> {
              try {
                Thread.sleep(limit.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              System.err.println("shutdown did not finish within " + limit + "; halting");
              Runtime.getRuntime().halt(1);
            },
            "shutdown-deadline");
    timer.setDaemon(true);
    timer.start();
  }
}
