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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandler;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over a real Jetty server and client: once released, nothing of the handshake is reachable from
 * the open session (the upgrade request, with its headers and bearer token, is garbage), and the
 * session still sends.
 */
class HandshakeRemnantsTest {

  private final Server server = new Server();
  private final CompletableFuture<Session> opened = new CompletableFuture<>();
  private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
  private volatile WeakReference<Object> upgradeRequest;

  /** Public: Jetty binds listeners through method handles. */
  public final class Releasing implements Session.Listener.AutoDemanding {
    @Override
    public void onWebSocketOpen(Session session) {
      HandshakeRemnants.release(session);
      session.sendText("open", Callback.NOOP);
      opened.complete(session);
      sessions.add(session);
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
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
      URI one = requestUriOf(sessions.poll(20, TimeUnit.SECONDS));
      URI two = requestUriOf(sessions.poll(20, TimeUnit.SECONDS));
      assertEquals(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/rt"), one);
      assertSame(one, two, "each connection keeps a URI of its own");
    }
  }

  private static URI requestUriOf(Session session) {
    assertNotNull(session, "no session opened");
    return ((WebSocketSession) session).getCoreSession().getRequestURI();
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
      WebSocketSession session = (WebSocketSession) opened.get(20, TimeUnit.SECONDS);
      assertNull(session.getUpgradeRequest());
      assertNull(session.getUpgradeResponse());
      WebSocketCoreSession core = (WebSocketCoreSession) session.getCoreSession();
      JettyWebSocketFrameHandler handler = (JettyWebSocketFrameHandler) core.getHandler();
      assertNull(handler.getUpgradeRequest());
      assertNull(handler.getUpgradeResponse());
      assertTrue(core.getParameterMap().isEmpty(), "query parameters released");
      assertNull(core.getRequestURI().getRawQuery(), "query released");
      assertEquals("/rt", core.getRequestURI().getPath());
      assertNotNull(upgradeRequest);
      for (int i = 0; i < 50 && upgradeRequest.get() != null; i++) {
        System.gc();
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertNull(upgradeRequest.get(), "the upgrade request is still reachable from somewhere");
      session.sendText("still sends", Callback.NOOP);
      assertEquals("still sends", probe.awaitMessage(Duration.ofSeconds(20)));
    }
  }

  /** A server whose endpoint releases the handshake at the open. */
  private ServerConnector start() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            c ->
                c.addMapping(
                    "/rt",
                    (req, resp, cb) -> {
                      upgradeRequest = new WeakReference<>(req);
                      return new Releasing();
                    })));
    server.start();
    return connector;
  }
}
