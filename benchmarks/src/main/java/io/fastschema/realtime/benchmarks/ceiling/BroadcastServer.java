package io.fastschema.realtime.benchmarks.ceiling;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A bare Jetty 12.1 WebSocket server on {@code 127.0.0.1}: path {@value #PATH} accepts any upgrade,
 * and {@link #publisher} sends {@link BroadcastFrame} to every open connection. No Kafka, no
 * subscriptions, no authentication: the most Jetty can deliver here.
 *
 * <p>Lifecycle: {@link #start} → publishers → {@link #close}. Thread-safe.
 */
final class BroadcastServer implements AutoCloseable {

  static final String PATH = "/ceiling";

  private final Server server;
  private final QueuedThreadPool pool;
  private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();

  private BroadcastServer(int outputBufferBytes, int maxThreads) {
    // The pool size matters: every completed batch hands the next one to the pool, and with
    // Jetty's default 200 threads on 2 cores those hand-offs wake and park threads that then
    // compete for the CPU (see BENCHMARKS.md, "why batched cost 4.4 µs").
    pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
    pool.setName("ceiling-jetty");
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebSocketUpgradeHandler ws =
        WebSocketUpgradeHandler.from(
            server,
            c -> {
              // The aggregation buffer of batched sends is outputBufferSize bytes (4 KiB by
              // default) and
              // is sized when the connection is made, so it is set here, for every connection.
              c.setOutputBufferSize(outputBufferBytes);
              c.setIdleTimeout(Duration.ofMinutes(10));
              c.addMapping(PATH, (request, response, callback) -> new BroadcastEndpoint(open));
            });
    server.setHandler(ws);
  }

  static BroadcastServer start(int outputBufferBytes, int maxThreads) throws Exception {
    BroadcastServer s = new BroadcastServer(outputBufferBytes, maxThreads);
    s.server.start();
    return s;
  }

  URI uri() {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("ws://127.0.0.1:" + port + PATH);
  }

  int openSessions() {
    return open.size();
  }

  /** Waits until exactly {@code count} connections are open. */
  void awaitOpen(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.size() != count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "expected " + count + " open connections, have " + open.size() + " after " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  /** A publisher over the connections open now, in {@code mode}. */
  Publisher publisher(SendMode mode, int batchBytes) {
    List<WebSocketSession> sessions = new ArrayList<>(open);
    int framesPerBatch = Math.max(1, batchBytes / wireBytesPerFrame());
    return switch (mode) {
      case BATCHED, FLUSHED, PREFRAMED -> new ConnectionPumps(sessions, mode, framesPerBatch, pool);
      case INLINE -> new InlinePublisher(sessions);
    };
  }

  /** Payload plus the 4-byte header of a 126..65535-byte unmasked server frame. */
  static int wireBytesPerFrame() {
    int payload = BroadcastFrame.payloadBytes();
    return payload + (payload < 126 ? 2 : 4);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
