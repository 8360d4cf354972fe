package io.fastschema.realtime.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One baseline connection. On open it joins its topic; client frames are echoed as FastSchema does;
 * a rejected handshake closes at once with FastSchema's code 1000 and reason. Public because Jetty
 * binds listeners through method handles.
 *
 * <p>Thread-safe: Jetty calls it; the query workers call {@link #send}.
 */
public final class BaselineEndpoint implements Session.Listener.AutoDemanding {

  private final BaselineSubscription subscription;
  private final String rejection;
  private final FastSchemaBaselineServer server;
  private final AtomicBoolean open = new AtomicBoolean();
  private volatile Session session;

  BaselineEndpoint(
      BaselineSubscription subscription, String rejection, FastSchemaBaselineServer server) {
    this.subscription = subscription;
    this.rejection = rejection;
    this.server = server;
  }

  BaselineSubscription subscription() {
    return subscription;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    if (rejection != null) {
      session.close(StatusCode.NORMAL, rejection, Callback.NOOP);
      return;
    }
    open.set(true);
    server.join(this);
  }

  @Override
  public void onWebSocketText(String message) {
    send(message);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    send(StandardCharsets.UTF_8.decode(payload).toString());
    callback.succeed();
  }

  /**
   * Sends without waiting and without a per-client queue bound, as FastSchema's goroutines write
   * (it has neither). A failed write unregisters the client, as {@code realtime.go:99-102} does.
   */
  void send(String text) {
    Session s = session;
    if (s == null || !open.get()) {
      return;
    }
    s.sendText(
        text,
        Callback.from(
            server::sent,
            failure -> {
              server.sendFailed();
              ended();
              s.close(StatusCode.NORMAL, null, Callback.NOOP);
            }));
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    ended();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    ended();
  }

  private void ended() {
    if (open.compareAndSet(true, false)) {
      server.leave(this);
    }
  }
}
