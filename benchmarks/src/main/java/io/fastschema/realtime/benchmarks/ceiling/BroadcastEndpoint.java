package io.fastschema.realtime.benchmarks.ceiling;

import java.util.Set;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.common.WebSocketSession;

/** Server side of one client connection: only registers itself while open. Clients send nothing. */
@WebSocket
public final class BroadcastEndpoint {

  private final Set<WebSocketSession> open;
  private WebSocketSession session;

  BroadcastEndpoint(Set<WebSocketSession> open) {
    this.open = open;
  }

  @OnWebSocketOpen
  public void onOpen(Session session) {
    // Jetty's server sessions are WebSocketSession; its core session is the only way to batch.
    this.session = (WebSocketSession) session;
    open.add(this.session);
  }

  /**
   * Closing 1,000 clients while frames are still flushing makes Jetty report ClosedChannelException
   * per connection; without a handler each is a WARN line. Nothing to do: the close follows.
   */
  @OnWebSocketError
  public void onError(Throwable cause) {
    if (session != null) {
      open.remove(session);
    }
  }

  @OnWebSocketClose
  public void onClose(int status, String reason) {
    if (session != null) {
      open.remove(session);
    }
  }
}
