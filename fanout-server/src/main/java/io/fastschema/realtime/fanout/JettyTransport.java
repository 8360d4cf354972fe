package io.fastschema.realtime.fanout;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** {@link Transport} over a Jetty WebSocket session. */
final class JettyTransport implements Transport {

  private final Session session;
  private final String remote;

  JettyTransport(Session session) {
    this.session = session;
    this.remote = String.valueOf(session.getRemoteSocketAddress());
  }

  @Override
  public void send(String text, SendCallback done) {
    session.sendText(text, Callback.from(done::succeeded, done::failed));
  }

  @Override
  public void close(int code, String reason) {
    session.close(code, reason, Callback.NOOP);
  }

  @Override
  public String remote() {
    return remote;
  }
}
