package io.fastschema.realtime.benchmarks;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One load client: stamps each message on arrival and hands it to the shared {@link DeliveryTally}.
 * Kept to a few fields, since the idle scenario holds 20,000 of them. Public because Jetty binds
 * listeners through method handles.
 *
 * <p>Thread-safe: Jetty calls it; the run thread reads the flags.
 */
public final class LoadSubscriber implements Session.Listener.AutoDemanding {

  private final DeliveryTally tally;
  private volatile boolean receivedAny;
  private volatile String closed;

  LoadSubscriber(DeliveryTally tally) {
    this.tally = tally;
  }

  @Override
  public void onWebSocketText(String message) {
    long now = System.nanoTime(); // first: reading the message is not part of the delivery
    receivedAny = true;
    tally.message(message, now);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    if (closed == null) {
      closed = statusCode + " " + reason;
    }
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    if (closed == null) {
      closed = "error: " + cause;
    }
  }

  boolean receivedAny() {
    return receivedAny;
  }

  /** Null while open, else how the connection ended. */
  String closed() {
    return closed;
  }
}
