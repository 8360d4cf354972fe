package io.fastschema.realtime.faultdrill;

import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket connection of a {@link Subscriber}: hands every text message to it, stamped on
 * arrival, and completes {@link #closed()} with the close code and reason. Public because Jetty
 * binds listeners through method handles and fails the upgrade of a non-public class.
 */
public final class SubscriberConnection implements Session.Listener.AutoDemanding {

  private final Subscriber subscriber;
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private volatile Throwable error;
  private volatile Session session;

  SubscriberConnection(Subscriber subscriber) {
    this.subscriber = subscriber;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
  }

  @Override
  public void onWebSocketText(String message) {
    subscriber.accept(message, System.nanoTime());
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    closed.complete(
        statusCode
            + (reason == null || reason.isEmpty() ? "" : " " + reason)
            + (error == null ? "" : " (" + error + ")"));
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // Jetty follows an error on an open session with onWebSocketClose; keep the cause for it.
    error = cause;
  }

  /** Completed with "code reason" when the connection ends, by either side. */
  CompletableFuture<String> closed() {
    return closed;
  }

  /** Closes with 1000 (normal) if still open. */
  void close() {
    Session s = session;
    if (s != null && s.isOpen()) {
      s.close(1000, "drill done", Callback.NOOP);
    }
  }
}
