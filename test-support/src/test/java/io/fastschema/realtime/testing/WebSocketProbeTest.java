package io.fastschema.realtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real Jetty server on a free port whose endpoint echoes and obeys commands. */
class WebSocketProbeTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static Server server;
  private static URI echo;

  @BeforeAll
  static void startEchoServer() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container ->
                container.addMapping(
                    "/echo",
                    (request, response, callback) -> {
                      if (request.getSubProtocols().contains("Authorization")) {
                        response.setAcceptedSubProtocol(
                            "Authorization"); // as FastSchema does; never the token
                      }
                      return new EchoEndpoint(
                          request.getHeaders().get("X-Test"),
                          protocolLines(
                              request.getHeaders().getValuesList("Sec-WebSocket-Protocol")));
                    })));
    server.start();
    echo = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
  }

  /** Header lines joined by "|", or "null" when there was none. */
  private static String protocolLines(List<String> lines) {
    return lines.isEmpty() ? "null" : String.join("|", lines);
  }

  @AfterAll
  static void stopEchoServer() throws Exception {
    server.stop();
  }

  @Test
  void recordsMessagesInOrderAndSeesRequestHeadersAndSubprotocols() {
    try (WebSocketProbe probe =
        WebSocketProbe.connect(
            echo, Map.of("X-Test", "header-value"), List.of("Authorization", "eyJ.token.sig"))) {
      assertEquals("Authorization", probe.negotiatedSubprotocol());
      // One header line, as browsers send it (Jetty's client alone would send one line each).
      assertEquals(
          "open X-Test=header-value protocols=Authorization, eyJ.token.sig",
          probe.awaitMessage(WAIT));

      probe.send("one");
      probe.send("two");
      assertEquals("one", probe.awaitMessage(WAIT));
      assertEquals("two", probe.awaitMessage(WAIT));
    }
  }

  @Test
  void noSubprotocolIsNegotiatedWhenNoneIsOffered() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      assertNull(probe.negotiatedSubprotocol());
      assertEquals("open X-Test=null protocols=null", probe.awaitMessage(WAIT));
    }
  }

  @Test
  void awaitMessageWithPredicateSkipsNonMatchingMessages() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      probe.send("a");
      probe.send("b");
      probe.send("wanted");
      probe.send("c");

      assertEquals("wanted", probe.awaitMessage(m -> m.startsWith("w"), WAIT));
      assertEquals("c", probe.awaitMessage(WAIT));
    }
  }

  @Test
  void drainReturnsWhatArrivedSoFarWithoutWaiting() throws InterruptedException {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      probe.send("x");
      probe.send("y");

      List<String> drained = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (drained.size() < 3 && System.nanoTime() < deadline) {
        drained.addAll(probe.drain());
        Thread.sleep(5);
      }
      assertEquals(List.of("open X-Test=null protocols=null", "x", "y"), drained);
      assertEquals(List.of(), probe.drain());
    }
  }

  @Test
  void serverCloseIsRecordedWithCodeAndReason() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      probe.send("close:1000:[401] Unauthorized");

      assertEquals(
          new WebSocketProbe.CloseStatus(1000, "[401] Unauthorized"), probe.awaitClose(WAIT));
      assertFalse(probe.isOpen());
      assertEquals(List.of("open X-Test=null protocols=null"), probe.drain());
      AssertionError noMore = assertThrows(AssertionError.class, () -> probe.awaitMessage(WAIT));
      assertTrue(
          noMore.getMessage().contains("closed with CloseStatus[code=1000"), noMore.getMessage());
    }
  }

  @Test
  void droppedConnectionIsRecordedAsAbnormalClosure() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      try {
        probe.send("drop");
      } catch (IllegalStateException e) {
        // The server may drop the socket before the client's write completes: same outcome.
        assertTrue(e.getCause() instanceof java.nio.channels.ClosedChannelException, e.toString());
      }

      assertEquals(1006, probe.awaitClose(WAIT).code());
      assertFalse(probe.isOpen());
    }
  }

  @Test
  void oversizedMessageClosesWithTheProtocolCode() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      probe.send("big");

      assertEquals(1009, probe.awaitClose(WAIT).code());
    }
  }

  @Test
  void expectNoMessagePassesOnSilenceAndFailsOnAMessage() {
    try (WebSocketProbe probe = WebSocketProbe.connect(echo)) {
      probe.awaitMessage(WAIT);
      probe.expectNoMessage(Duration.ofMillis(100));
      probe.send("noise");
      assertThrows(AssertionError.class, () -> probe.expectNoMessage(WAIT));
    }
  }

  @Test
  void refusedUpgradeReportsTheHttpStatus() {
    URI missing = echo.resolve("/missing");

    WebSocketProbe.UpgradeFailedException refused =
        assertThrows(
            WebSocketProbe.UpgradeFailedException.class, () -> WebSocketProbe.connect(missing));
    assertEquals(404, refused.statusCode());
  }

  @Test
  void clientCloseEndsTheConnectionNormally() {
    WebSocketProbe probe = WebSocketProbe.connect(echo);
    probe.close();
    probe.close();

    assertFalse(probe.isOpen());
    assertEquals(1000, probe.awaitClose(WAIT).code());
  }

  /**
   * Says hello with the request details, echoes text, and closes on {@code close:<code>:<reason>}.
   * Public: Jetty binds endpoints through MethodHandles.
   */
  public static final class EchoEndpoint implements Session.Listener.AutoDemanding {
    private final String testHeader;
    private final String protocols;
    private Session session;

    EchoEndpoint(String testHeader, String protocols) {
      this.testHeader = testHeader;
      this.protocols = protocols;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      session.sendText("open X-Test=" + testHeader + " protocols=" + protocols, Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String message) {
      if (message.equals("big")) {
        session.sendText("x".repeat(17 * 1024 * 1024), Callback.NOOP);
      } else if (message.equals("drop")) {
        session.disconnect();
      } else if (message.startsWith("close:")) {
        String[] parts = message.split(":", 3);
        session.close(Integer.parseInt(parts[1]), parts[2], Callback.NOOP);
      } else {
        session.sendText(message, Callback.NOOP);
      }
    }
  }
}
