package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The node's Jetty server: the public connector, with the realtime WebSocket endpoint (handshakes
 * through {@link HandshakeHandler}) and, next to it, {@link OperationsHandler}'s health endpoints;
 * and the management connector, with health and {@code /metrics} only (issue 13 item 8: metrics
 * name every schema, so they are kept off the port clients and load balancers reach). On the public
 * port, {@link #reapConnections} bounds the time of a request head and of a close the node started,
 * and {@link ConnectionCap} the number of connections (issue 13 item 7); {@link BadRequestLog} logs
 * refused requests in bounded lines (item 8). Threads: the pool {@code fanout-jetty} (handshakes,
 * sends, echoes).
 *
 * <p>Thread-safe.
 */
public final class JettyServer {

  public static final String REALTIME_PATH = "/api/realtime/content";

  /** The connector of {@code /metrics}: REALTIME_MANAGEMENT_PORT. */
  private static final String MANAGEMENT = "management";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JettyServer.class);

  private final Server server;

  private final PublicConnections publicConnections = new PublicConnections();
  private final HandshakeDeadline handshakeDeadline;

  /** Used by {@link #reapConnections} only. */
  private final CloseDeadline closeDeadline;

  /** What is pinged, reaped and counted. */
  private final OpenSessions sessions;

  /**
   * @param ready what {@code /readyz} reports
   * @param meters what {@code /metrics} serves
   */
  public JettyServer(
      FanoutConfig config,
      HandshakeHandler handshakes,
      ReadinessProbe ready,
      PrometheusMeterRegistry meters,
      FanoutMetrics metrics) {
    QueuedThreadPool pool = new QueuedThreadPool();
    if (config.serverThreads() > 0) {
      pool.setMaxThreads(config.serverThreads());
      pool.setMinThreads(Math.min(pool.getMinThreads(), config.serverThreads()));
    }
    pool.setName("fanout-jetty");
    // Pools buffers up to CoalescedTextFrames.MAX_BYTES (Jetty's default stops at 64 KiB, which a
    // 64 KiB batch of messages passes with its frame headers: each would be allocated and dropped).
    this.server =
        new Server(pool, null, new ArrayByteBufferPool(0, 0, CoalescedTextFrames.MAX_BYTES));
    this.sessions = handshakes.sessions();
    HttpConfiguration http = new HttpConfiguration();
    // No "Server: Jetty(12.x.y)" on every response: it tells an attacker which CVEs to try.
    http.setSendServerVersion(false);
    // "//api/realtime/content" reaches RequestTargetRepair, which merges the slashes.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("realtime", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    connector.addEventListener(publicConnections);
    if (config.guards().socketSendBufferBytes() > 0) {
      // A client that stops reading takes what the kernel buffers for it before a write stays
      // pending and its queue starts to fill: with autotuning, megabytes written at its full rate.
      connector.setAcceptedSendBufferSize(config.guards().socketSendBufferBytes());
    }
    server.addConnector(connector);
    server.setErrorHandler(new BadRequestLog(metrics.badRequests));
    handshakeDeadline =
        new HandshakeDeadline(config.guards().handshakeTimeout(), metrics.handshakesTimedOut);
    closeDeadline = new CloseDeadline(config.guards().closeTimeout(), metrics.connectionsReaped);
    ServerConnector management = new ServerConnector(server, new HttpConnectionFactory(http));
    management.setName(MANAGEMENT);
    management.setHost(config.guards().managementBindAddress());
    management.setPort(config.guards().managementPort());
    server.addConnector(management);
    // Jetty's core WebSocket API: RealtimeEndpoint is a frame handler of its own (see there why).
    WebSocketComponents components = WebSocketServerComponents.ensureWebSocketComponents(server);
    declineEveryExtension(components.getExtensionRegistry());
    WebSocketUpgradeHandler ws = new WebSocketUpgradeHandler(components);
    var c = ws.getConfiguration();
    c.setMaxTextMessageSize(config.maxClientFrameBytes());
    c.setMaxBinaryMessageSize(config.maxClientFrameBytes());
    c.setIdleTimeout(config.pingInterval().multipliedBy(5).dividedBy(2));
    // Jetty's frame flusher aggregates batched frames in a pooled buffer of this size (taken only
    // while they are written): 64 KiB writes, not 4 KiB, for the batches JettyTransport sends frame
    // by frame (those holding a message larger than the maximum frame size).
    c.setOutputBufferSize(ClientSession.MAX_BATCH_BYTES);
    WebSocketNegotiator negotiator =
        WebSocketNegotiator.from(handshakes, (endpoint, req, resp) -> (FrameHandler) endpoint);
    ws.addMapping(REALTIME_PATH, negotiator);
    ws.addMapping(REALTIME_PATH + "/", negotiator);
    OperationsHandler operations = new OperationsHandler(ready, null, REALTIME_PATH);
    ws.setHandler(config.console() ? new ConsoleHandler(operations, meters) : operations);
    server.setHandler(
        new ByConnector(
            MANAGEMENT,
            new OperationsHandler(ready, meters, REALTIME_PATH),
            new ConnectionCap(
                new RequestTargetRepair(ws),
                publicConnections,
                config.guards().maxConnections(),
                metrics.handshakesRefusedFull)));
  }

  /**
   * Negotiates no WebSocket extension, whatever a client offers, as FastSchema's upgrader (no
   * compression). Jetty's registry would otherwise accept any client's offer of {@code
   * permessage-deflate} (every browser offers it: each message then compressed once per client, and
   * a compressor held per connection), {@code fragment} ({@code maxLength=1} turns every byte of
   * every message into a frame of its own: a client-chosen amplification); its debugging extensions
   * ({@code @frame-capture}, {@code @validation}) are in the same registry.
   */
  static void declineEveryExtension(WebSocketExtensionRegistry registry) {
    for (String name : List.copyOf(registry.getAvailableExtensionNames())) {
      registry.unregister(name);
    }
  }

  public void start() throws Exception {
    server.start();
  }

  /** Open WebSocket connections, subscribed or being rejected. */
  public int openConnections() {
    return sessions.count();
  }

  /** Connections open on the public port: WebSockets, and requests being read or answered. */
  public int publicConnections() {
    return publicConnections.count();
  }

  /**
   * Closes the public port's connections that are too slow sending a request head, and drops the
   * WebSocket connections whose client did not complete the node's close in time. Run often (its
   * granularity adds to both bounds), from one thread.
   */
  public void reapConnections() {
    try {
      handshakeDeadline.sweep(
          publicConnections.all(), System.nanoTime(), System.currentTimeMillis());
      closeDeadline.sweep(sessions.all(), System.nanoTime());
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log it and sweep again next time.
      LOG.warn("Sweeping connections failed", e);
    }
  }

  /** Pings keep idle connections alive through proxies, and their absence of answers kills them. */
  public void pingAll() {
    for (CoreSession s : sessions.all()) {
      s.sendFrame(new Frame(OpCode.PING).setPayload(ByteBuffer.allocate(0)), Callback.NOOP, false);
    }
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The management port actually bound. */
  public int managementPort() {
    return ((ServerConnector) server.getConnectors()[1]).getLocalPort();
  }

  public void stop() throws Exception {
    server.stop();
  }
}
