package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.Transport;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batches over a real Jetty server and client: a burst queued on one session is written in batches
 * through Jetty's core session, and the client still receives one WebSocket message per queued
 * message, complete and in order.
 */
class JettyTransportBatchTest {

  private static final int MESSAGES = 5_000;

  private final Server server = new Server();

  /** Sizes of the transport calls the session made (1 for a send). */
  private final List<Integer> callSizes = new CopyOnWriteArrayList<>();

  /**
   * Records call sizes and passes everything on to the real transport, holding back the first
   * send's completion until {@link #release}: over loopback a write completes before the next
   * enqueue, so without that nothing would ever wait behind a send, as it does for a busy client.
   */
  private final class SizeRecording implements Transport {
    private final Transport real;

    /** The first send's completion, once Jetty completed it; guarded by this. */
    private SendCallback held;

    /** Whether completions pass straight through; guarded by this. */
    private boolean released;

    SizeRecording(Transport real) {
      this.real = real;
    }

    @Override
    public void send(EncodedText text, SendCallback done) {
      boolean first = callSizes.isEmpty();
      callSizes.add(1);
      real.send(
          text,
          !first
              ? done
              : new SendCallback() {
                @Override
                public void succeeded() {
                  if (!hold(done)) {
                    done.succeeded();
                  }
                }

                @Override
                public void failed(Throwable cause) {
                  done.failed(cause);
                }
              });
    }

    private synchronized boolean hold(SendCallback done) {
      if (released) {
        return false;
      }
      held = done;
      return true;
    }

    void release() {
      SendCallback done;
      synchronized (this) {
        released = true;
        done = held;
        held = null;
      }
      if (done != null) {
        done.succeeded();
      }
    }

    @Override
    public void sendBatch(List<EncodedText> texts, SendCallback done) {
      callSizes.add(texts.size());
      real.sendBatch(texts, done);
    }

    @Override
    public void close(int code, String reason) {
      real.close(code, reason);
    }

    @Override
    public String remote() {
      return real.remote();
    }
  }

  /** On open, queues a numbered burst: all but the first wait behind the first send. */
  public final class BurstEndpoint implements Session.Listener.AutoDemanding {
    @Override
    public void onWebSocketOpen(Session session) {
      SizeRecording transport =
          new SizeRecording(new JettyTransport(((WebSocketSession) session).getCoreSession()));
      ClientSession client =
          new ClientSession(
              new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
              transport,
              MESSAGES,
              1L << 30,
              s -> {});
      for (int i = 0; i < MESSAGES; i++) {
        client.enqueue(message(i));
      }
      transport.release();
    }
  }

  /** Every third message has characters of 2, 3 and 4 UTF-8 bytes: frames carry encoded bytes. */
  private static String message(int i) {
    return "{\"event\":\"create\",\"data\":{\"id\":"
        + i
        + ",\"title\":\""
        + "t".repeat(i % 300)
        + (i % 3 == 0 ? "é€😀" : "")
        + "\"}}";
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void burstArrivesAsOneMessagePerEnqueueInOrderAndWasWrittenInBatches() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            c -> {
              c.setOutputBufferSize(ClientSession.MAX_BATCH_BYTES);
              c.addMapping("/burst", (req, resp, cb) -> new BurstEndpoint());
            }));
    server.start();

    List<String> received = new ArrayList<>();
    try (WebSocketProbe probe =
        WebSocketProbe.connect(
            URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/burst"))) {
      for (int i = 0; i < MESSAGES; i++) {
        received.add(probe.awaitMessage(Duration.ofSeconds(20)));
      }
    }

    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(message(i), received.get(i), "message " + i);
    }
    assertEquals(MESSAGES, callSizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(
        callSizes.size() < MESSAGES / 100,
        "a burst behind a send in flight goes in batches: " + callSizes);
  }
}
