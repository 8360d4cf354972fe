package io.fastschema.realtime.benchmarks.ceiling;

import java.time.Duration;

/** Sends the broadcast frame to every connection in one {@link SendMode} until stopped. */
interface Publisher {

  void start();

  /**
   * Stops sending and returns once no write is outstanding, so that the next mode starts on idle
   * connections.
   *
   * @throws IllegalStateException when writes are still outstanding after {@code timeout}
   */
  void stop(Duration timeout) throws InterruptedException;

  /** Frames whose write completed (for batched: frames of completed flushes). */
  long framesSent();

  /** Sends that failed (a connection closed under the publisher); should stay 0. */
  long failures();
}
