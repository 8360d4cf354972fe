package io.fastschema.realtime.fanout.jetty;

import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses WebSocket handshakes while REALTIME_MAX_CONNECTIONS connections are open on the public
 * port (issue 13 item 7), with HTTP 503 and {@code Retry-After}, before any WebSocket session is
 * made: what load balancers retry on another node (nginx {@code proxy_next_upstream http_503},
 * HAProxy {@code retry-on 503}), and what a browser reports as a failed connection, after which
 * FastSchema's clients reconnect with back-off. Other requests (health checks) pass: a full node
 * still serves the clients it has.
 */
final class ConnectionCap extends Handler.Wrapper {

  static final String RETRY_AFTER_SECONDS = "5";

  private static final byte[] BODY =
      "realtime node full (REALTIME_MAX_CONNECTIONS), retry on another node\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final PublicConnections connections;
  private final int max;
  private final Counter refused;

  ConnectionCap(Handler handler, PublicConnections connections, int max, Counter refused) {
    super(handler);
    this.connections = connections;
    this.max = max;
    this.refused = refused;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    // The connection asking is one of the open ones.
    if (connections.count() <= max || !isWebSocketUpgrade(request)) {
      return super.handle(request, response, callback);
    }
    refused.increment();
    response.setStatus(503);
    response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=us-ascii");
    response.write(true, ByteBuffer.wrap(BODY), callback);
    return true;
  }

  private static boolean isWebSocketUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket");
  }
}
