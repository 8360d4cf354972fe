package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.hub.MessageEncoder;
import io.fastschema.realtime.fanout.hub.NodeQueueBudget;
import io.fastschema.realtime.fanout.hub.QueueBounds;
import io.fastschema.realtime.fanout.hub.SessionStarter;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoint over a real Jetty server, driven frame by frame by Jetty's core client: what Jetty's
 * endpoint API did for it before (issue 14 item 4 moved it to the core API) still happens: text and
 * binary messages, whole or fragmented, are echoed as text; pings are answered; a message over the
 * size limit closes with 1009, invalid UTF-8 with 1007; open sessions and close codes are counted.
 */
@Timeout(60)
class RealtimeEndpointTest {

  private static final int MAX_MESSAGE_BYTES = 1024;

  private final Server server = new Server();
  private final WebSocketCoreClient client = new WebSocketCoreClient();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FanoutMetrics metrics = new FanoutMetrics(meters);
  private final OpenSessions sessions = new OpenSessions();
  private URI uri;

  /** The client side: every frame received, as (opcode, text), and how the connection closed. */
  private static final class Recorder implements FrameHandler {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    volatile CoreSession session;

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
      session = coreSession;
      callback.succeeded();
      coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      frames.add(
          OpCode.name(frame.getOpCode()) + ":" + BufferUtil.toUTF8String(frame.getPayload()));
      callback.succeeded();
      session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
      closed.complete(closeStatus);
      callback.succeeded();
    }

    String next() throws InterruptedException {
      String frame = frames.poll(20, TimeUnit.SECONDS);
      assertNotNull(frame, "nothing received");
      return frame;
    }

    void send(Frame frame) {
      session.sendFrame(frame, Callback.NOOP, false);
    }
  }

  @BeforeEach
  void start() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    SubscriptionRegistry registry =
        new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()), metrics);
    RealtimeEndpoint.Node node =
        new RealtimeEndpoint.Node(
            registry,
            new SessionStarter(registry, null, null),
            new QueueBounds(100, 1 << 20, 1 << 20, NodeQueueBudget.unbounded()),
            metrics,
            sessions);
    WebSocketUpgradeHandler ws =
        new WebSocketUpgradeHandler(WebSocketServerComponents.ensureWebSocketComponents(server));
    ws.getConfiguration().setMaxTextMessageSize(MAX_MESSAGE_BYTES);
    ws.getConfiguration().setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
    ws.addMapping(
        "/rt",
        WebSocketNegotiator.from(
            (req, resp, cb) ->
                RealtimeEndpoint.accepted(
                    new Subscription(TestSchemas.post(), null, null, null, "test.resource"), node),
            (endpoint, req, resp) -> (FrameHandler) endpoint));
    server.setHandler(ws);
    server.start();
    client.start();
    uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/rt");
  }

  @AfterEach
  void stop() throws Exception {
    client.stop();
    server.stop();
  }

  private Recorder connect() throws Exception {
    Recorder r = new Recorder();
    client.connect(r, uri).get(20, TimeUnit.SECONDS);
    return r;
  }

  @Test
  void echoesTextAndBinaryWholeOrFragmentedAndAnswersPings() throws Exception {
    Recorder r = connect();

    r.send(new Frame(OpCode.TEXT, "hello"));
    assertEquals("TEXT:hello", r.next());

    r.send(new Frame(OpCode.TEXT, false, "frag"));
    r.send(new Frame(OpCode.CONTINUATION, true, "mented é"));
    assertEquals("TEXT:fragmented é", r.next());

    r.send(new Frame(OpCode.BINARY, "binary"));
    assertEquals("TEXT:binary", r.next(), "binary is echoed as text");

    r.send(new Frame(OpCode.PING, "are you there"));
    assertEquals("PONG:are you there", r.next());

    assertEquals(1, sessions.count());
    r.session.close(CloseStatus.NORMAL, "bye", Callback.NOOP);
    assertEquals(CloseStatus.NORMAL, r.closed.get(20, TimeUnit.SECONDS).getCode());
    awaitNoOpenSession();
    assertEquals(1.0, closes("1000"));
  }

  @Test
  void closesOnAMessageOverTheLimitWith1009() throws Exception {
    Recorder r = connect();

    r.send(new Frame(OpCode.TEXT, false, "x".repeat(MAX_MESSAGE_BYTES / 2)));
    r.send(new Frame(OpCode.CONTINUATION, true, "x".repeat(MAX_MESSAGE_BYTES / 2 + 1)));

    assertEquals(CloseStatus.MESSAGE_TOO_LARGE, r.closed.get(20, TimeUnit.SECONDS).getCode());
    awaitNoOpenSession();
  }

  @Test
  void closesOnInvalidUtf8With1007() throws Exception {
    Recorder r = connect();

    r.send(new Frame(OpCode.TEXT, ByteBuffer.wrap(new byte[] {'o', 'k', (byte) 0xC3, 0x28})));

    assertEquals(CloseStatus.BAD_PAYLOAD, r.closed.get(20, TimeUnit.SECONDS).getCode());
    awaitNoOpenSession();
  }

  private void awaitNoOpenSession() throws InterruptedException {
    for (int i = 0; i < 200 && sessions.count() > 0; i++) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    assertEquals(0, sessions.count(), "a closed session is still counted open");
  }

  private double closes(String code) {
    var counter = meters.find("fanout.connections.closed").tag("code", code).counter();
    return counter == null ? 0 : counter.count();
  }
}
