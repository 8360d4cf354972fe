package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.testing.WebSocketProbe;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over a real Jetty server (core WebSocket API, as {@link RealtimeEndpoint}) and client: once
 * released, nothing of the handshake is reachable from the open session (the upgrade request, with
 * its headers and bearer token, is garbage), the query is gone, connections to one path share one
 * URI, and the session still sends.
 */
class HandshakeRemnantsTest {

  private final Server server = new Server();
  private final BlockingQueue<CoreSession> sessions = new LinkedBlockingQueue<>();
  private volatile WeakReference<Object> upgradeRequest;

  /** Releases the handshake at the open and says "open". */
  private final class Releasing implements FrameHandler {
    @Override
    public void onOpen(CoreSession session, Callback callback) {
      HandshakeRemnants.release(session);
      callback.succeeded();
      session.sendFrame(new Frame(OpCode.TEXT, "open"), Callback.NOOP, false);
      session.demand();
      sessions.add(session);
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
      callback.succeeded();
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  @Timeout(60)
  void openSessionKeepsNothingOfTheHandshake() throws Exception {
    ServerConnector connector = start();
    URI uri =
        URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/rt?schema=blog&filter=%7B%7D");
    try (WebSocketProbe probe =
        WebSocketProbe.connect(uri, Map.of("Authorization", "Bearer secret-token"))) {
      assertEquals("open", probe.awaitMessage(Duration.ofSeconds(20)));
      CoreSession session = sessions.poll(20, TimeUnit.SECONDS);
      assertNotNull(session, "no session opened");
      assertTrue(session.getParameterMap().isEmpty(), "query parameters released");
      assertNull(session.getRequestURI().getRawQuery(), "query released");
      assertEquals("/rt", session.getRequestURI().getPath());
      assertNotNull(upgradeRequest);
      for (int i = 0; i < 50 && upgradeRequest.get() != null; i++) {
        System.gc();
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertNull(upgradeRequest.get(), "the upgrade request is still reachable from somewhere");
      session.sendFrame(new Frame(OpCode.TEXT, "still sends"), Callback.NOOP, false);
      assertEquals("still sends", probe.awaitMessage(Duration.ofSeconds(20)));
    }
  }

  @Test
  @Timeout(60)
  void connectionsToOnePathShareOneUri() throws Exception {
    ServerConnector connector = start();
    String base = "ws://127.0.0.1:" + connector.getLocalPort() + "/rt";
    try (WebSocketProbe first = WebSocketProbe.connect(URI.create(base + "?id=1"), Map.of());
        WebSocketProbe second = WebSocketProbe.connect(URI.create(base + "?id=2"), Map.of())) {
      assertEquals("open", first.awaitMessage(Duration.ofSeconds(20)));
      assertEquals("open", second.awaitMessage(Duration.ofSeconds(20)));
      URI one = sessions.poll(20, TimeUnit.SECONDS).getRequestURI();
      URI two = sessions.poll(20, TimeUnit.SECONDS).getRequestURI();
      assertEquals(URI.create(base), one);
      assertSame(one, two, "each connection keeps a URI of its own");
    }
  }

  /** A server whose endpoint releases the handshake at the open. */
  private ServerConnector start() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    WebSocketUpgradeHandler ws =
        new WebSocketUpgradeHandler(WebSocketServerComponents.ensureWebSocketComponents(server));
    ws.addMapping(
        "/rt",
        WebSocketNegotiator.from(
            (req, resp, cb) -> {
              upgradeRequest = new WeakReference<>(req);
              return new Releasing();
            },
            (endpoint, req, resp) -> (FrameHandler) endpoint));
    server.setHandler(ws);
    server.start();
    return connector;
  }
}
