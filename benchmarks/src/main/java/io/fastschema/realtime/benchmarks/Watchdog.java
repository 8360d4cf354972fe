package io.fastschema.realtime.benchmarks;

import java.time.Duration;

/**
 * Ends the JVM when a run overruns its budget. A benchmark must end by itself, and a broker, engine
 * or client thread that hangs on shutdown would otherwise keep it (and a CI job) alive forever.
 */
public final class Watchdog {

  /** The exit status of a run the watchdog ended. */
  public static final int EXIT_OVERRUN = 4;

  private Watchdog() {}

  public static void start(Duration budget) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(budget.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("benchmark still running after " + budget + "; halting the JVM");
              Runtime.getRuntime().halt(EXIT_OVERRUN);
            },
            "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
