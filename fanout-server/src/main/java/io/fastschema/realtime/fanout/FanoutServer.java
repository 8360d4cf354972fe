package io.fastschema.realtime.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.access.AccessState;
import io.fastschema.realtime.fanout.auth.TokenVerifier;
import io.fastschema.realtime.fanout.hub.AccessEnforcer;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.MessageEncoder;
import io.fastschema.realtime.fanout.hub.SessionReplays;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import io.fastschema.realtime.fanout.jetty.HandshakeHandler;
import io.fastschema.realtime.fanout.jetty.OperationsHandler;
import io.fastschema.realtime.fanout.stream.AccessControlSink;
import io.fastschema.realtime.fanout.stream.KafkaEventSource;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fanout node: Kafka events in, FastSchema realtime messages out over Jetty WebSockets.
 *
 * <p>Composition: {@link KafkaEventSource} → {@link TopicSequencer} (one per topic) →
 * {@link SubscriptionRegistry} → {@link ClientSession} queues → {@link JettyTransport}; resuming
 * sessions first go through {@link SessionReplays}. Handshakes go through
 * {@link HandshakeHandler}. Threads: {@code fanout-kafka} (consume and dispatch, never blocks on a
 * client), Jetty's pool (handshakes, sends, echoes), {@code fanout-ticker} (pings, schema reloads).
 *
 * <p>Metrics: the meters are registered on the {@link PrometheusMeterRegistry} given (the
 * standalone jar shares one with ingest) and served at {@code /metrics}; {@link #close()} removes
 * its meters.
 */
public final class FanoutServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FanoutServer.class);
  public static final String REALTIME_PATH = "/api/realtime/content";

  private final FanoutConfig config;
  private final Server server;
  private final KafkaEventSource source;
  private final SubscriptionRegistry registry;
  private final LiveSchemaCatalog catalog;
  private final AccessEnforcer enforcer;
  private final SessionReplays replays;
  private final PrometheusMeterRegistry meters;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      r -> new Thread(r, "fanout-ticker"));
  /** Set while Jetty starts; read by the ticker and by scrapes. */
  private volatile ServerWebSocketContainer container;

  /**
   * @param alsoReady extra readiness (the standalone jar adds ingest's), or null
   */
  public FanoutServer(FanoutConfig config, LiveSchemaCatalog catalog, Clock clock,
      ReadinessProbe alsoReady) {
    this(config, catalog, clock, alsoReady, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * @param alsoReady extra readiness (the standalone jar adds ingest's), or null
   * @param meters where this node's meters go; {@code /metrics} serves all of its meters
   */
  public FanoutServer(FanoutConfig config, LiveSchemaCatalog catalog, Clock clock,
      ReadinessProbe alsoReady, PrometheusMeterRegistry meters) {
    this.config = config;
    this.catalog = catalog;
    this.meters = meters;
    FanoutMetrics metrics = new FanoutMetrics(meters);
    ObjectMapper mapper = new ObjectMapper();
    this.registry = new SubscriptionRegistry(new MessageEncoder(mapper), metrics);
    AccessState access = new AccessState(config.permissionSettings());
    // Replaying sessions are not in the registry yet; revocation and expiry reach them too.
    this.enforcer = new AccessEnforcer(access, this::forEachOpenSession, clock);
    this.source = new KafkaEventSource(config.kafkaBootstrapServers(), config.topicPrefix(),
        config.topicRefresh(), new RecordEventCodec(mapper), registry::dispatchDeferred,
        new AccessControlSink() {
          @Override
          public void apply(String key, byte[] value) {
            access.apply(key, value);
          }

          @Override
          public void flush() {
            if (access.publish()) {
              enforcer.recheckAll();
            }
          }
        }, metrics);
    this.replays = new SessionReplays(config.kafkaBootstrapServers(), config.maxConcurrentReplays(),
        config.maxQueueMessages(), source, registry, new RecordEventCodec(mapper), metrics);
    source.keepRecentEvents(config.resumeBufferEvents());
    // One write per client per poll, however many of the poll's deliveries it got.
    source.afterDeliveries(registry::flushPending);
    // Told to reconnect, resumable clients lose nothing; left open they would hear nothing more.
    source.onFailure(() -> forEachOpenSession(s -> s.close(CloseReason.GOING_AWAY,
        "realtime.content: node stopped streaming, reconnect")));
    TokenVerifier verifier = new TokenVerifier(config.appKey(), clock);
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("fanout-jetty");
    this.server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    server.addConnector(connector);
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, c -> {
      container = c;
      c.setMaxTextMessageSize(config.maxClientFrameBytes());
      c.setMaxBinaryMessageSize(config.maxClientFrameBytes());
      c.setIdleTimeout(config.pingInterval().multipliedBy(5).dividedBy(2));
      // Jetty's frame flusher aggregates batched frames in a pooled buffer of this size (taken
      // only while a batch is written): 64 KiB writes for ClientSession's batches, not 4 KiB.
      c.setOutputBufferSize(ClientSession.MAX_BATCH_CHARS);
      HandshakeHandler handshakes =
          new HandshakeHandler(verifier, access, catalog, registry, replays, config, metrics,
              source.readiness());
      c.addMapping(REALTIME_PATH, handshakes);
      c.addMapping(REALTIME_PATH + "/", handshakes);
    });
    ReadinessProbe ready = alsoReady == null ? source.readiness()
        : ReadinessProbe.all(alsoReady, source.readiness());
    ws.setHandler(new OperationsHandler(ready, meters, REALTIME_PATH));
    server.setHandler(ws);
    registerGauges();
  }

  private void forEachOpenSession(java.util.function.Consumer<ClientSession> action) {
    registry.forEachSession(action);
    replays.forEachReplaying(action);
  }

  private void registerGauges() {
    Gauge.builder("fanout.connections.open", this, FanoutServer::openConnections)
        .description("Open WebSocket connections, subscribed or being rejected")
        .register(meters);
    for (SubscriptionRegistry.Kind kind : SubscriptionRegistry.Kind.values()) {
      Gauge.builder("fanout.subscriptions", registry, r -> r.count(kind))
          .description("Open subscriptions by kind: schema-wide, per operation or one record")
          .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
          .register(meters);
    }
  }

  private int openConnections() {
    ServerWebSocketContainer c = container;
    return c == null ? 0 : c.getOpenSessions().size();
  }

  public void start() throws Exception {
    server.start();
    source.start();
    long ping = config.pingInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(enforcer::closeExpired, 1, 1, TimeUnit.SECONDS);
    ticker.scheduleWithFixedDelay(catalog::refresh, config.topicRefresh().toMillis(),
        config.topicRefresh().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Fanout listening on {}:{}{} ({})", config.bindAddress(), port(), REALTIME_PATH,
        config);
  }

  /** Pings keep idle connections alive through proxies, and their absence of answers kills them. */
  private void pingAll() {
    if (container == null) {
      return;
    }
    for (Session s : container.getOpenSessions()) {
      s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
    }
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public SubscriptionRegistry registry() {
    return registry;
  }

  public KafkaEventSource source() {
    return source;
  }

  @Override
  public void close() throws Exception {
    source.drain();
    ticker.shutdownNow();
    replays.close();
    source.close();
    // Tell clients to reconnect elsewhere (1001) before the sockets go away.
    registry.forEachSession(s -> s.close(CloseReason.GOING_AWAY, "node shutting down"));
    server.stop();
    // One node per registry: every "fanout." meter is this node's (a later node starts at zero).
    for (Meter m : meters.getMeters()) {
      if (m.getId().getName().startsWith("fanout.")) {
        meters.remove(m);
      }
    }
  }
}
