package io.fastschema.realtime.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.access.AccessState;
import io.fastschema.realtime.fanout.auth.TokenVerifier;
import io.fastschema.realtime.fanout.hub.AccessControlUpdates;
import io.fastschema.realtime.fanout.hub.AccessEnforcer;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.MessageEncoder;
import io.fastschema.realtime.fanout.hub.NodeQueueBudget;
import io.fastschema.realtime.fanout.hub.PollDispatcher;
import io.fastschema.realtime.fanout.hub.QueueBounds;
import io.fastschema.realtime.fanout.hub.SessionReplays;
import io.fastschema.realtime.fanout.hub.SessionStarter;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import io.fastschema.realtime.fanout.hub.WriteLanes;
import io.fastschema.realtime.fanout.jetty.HandshakeHandler;
import io.fastschema.realtime.fanout.jetty.JettyServer;
import io.fastschema.realtime.fanout.relations.RelationStore;
import io.fastschema.realtime.fanout.stream.DeliveryLag;
import io.fastschema.realtime.fanout.stream.KafkaEventSource;
import io.fastschema.realtime.fanout.stream.RelationStateReader;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fanout node: Kafka events in, FastSchema realtime messages out over Jetty WebSockets.
 *
 * <p>Composition, in three layers: {@code stream} ({@link KafkaEventSource}: one consumer, a
 * sequencer per topic) dispatches through the hub's {@link PollDispatcher} into {@code hub} ({@link
 * SubscriptionRegistry} and its {@link ClientSession} queues; resuming sessions first go through
 * {@link SessionReplays}), which writes through the {@link Transport}s of {@code jetty} ({@link
 * JettyServer}: handshakes, endpoint, operations). Threads: {@code fanout-kafka} (consume and
 * dispatch, never blocks on a client), Jetty's pool (handshakes, sends, echoes), {@code
 * fanout-ticker} (pings, expiry, schema reloads), {@code fanout-replay-N}.
 *
 * <p>Metrics: the meters are registered on the {@link PrometheusMeterRegistry} given (the
 * standalone jar shares one with ingest) and served at {@code /metrics}; {@link #close()} removes
 * its meters.
 */
public final class FanoutServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FanoutServer.class);

  private final FanoutConfig config;
  private final LiveSchemaCatalog catalog;
  private final PrometheusMeterRegistry meters;
  private final SubscriptionRegistry registry;
  private final AccessEnforcer enforcer;
  private final KafkaEventSource source;
  private final SessionReplays replays;
  private final JettyServer jetty;
  private final NodeQueueBudget queueBudget;
  private final WriteLanes writeLanes;
  private final RelationStore relations;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fanout-ticker"));

  /**
   * @param alsoReady extra readiness (the standalone jar adds ingest's), or null
   */
  public FanoutServer(
      FanoutConfig config, LiveSchemaCatalog catalog, Clock clock, ReadinessProbe alsoReady) {
    this(config, catalog, clock, alsoReady, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * @param alsoReady extra readiness (the standalone jar adds ingest's), or null
   * @param meters where this node's meters go; {@code /metrics} serves all of its meters
   */
  public FanoutServer(
      FanoutConfig config,
      LiveSchemaCatalog catalog,
      Clock clock,
      ReadinessProbe alsoReady,
      PrometheusMeterRegistry meters) {
    this.config = config;
    this.catalog = catalog;
    this.meters = meters;
    FanoutMetrics metrics = new FanoutMetrics(meters);
    ObjectMapper mapper = new ObjectMapper();
    RecordEventCodec codec = new RecordEventCodec(mapper);
    AccessState access = new AccessState(config.permissionSettings());
    this.writeLanes = new WriteLanes(config.writeThreads(), config.writeRestMax());
    this.registry =
        new SubscriptionRegistry(
            new MessageEncoder(mapper, name -> catalog.current().schema(name)), metrics);
    // Replaying sessions are not in the registry yet; revocation and expiry reach them too.
    this.enforcer = new AccessEnforcer(access, this::forEachOpenSession, clock);
    this.source =
        new KafkaEventSource(
            config.kafkaBootstrapServers(),
            config.topicPrefix(),
            config.topicRefresh(),
            codec,
            new PollDispatcher(registry, writeLanes),
            new AccessControlUpdates(access, enforcer),
            metrics);
    source.keepRecentEvents(config.resumeBufferEvents());
    this.relations =
        new RelationStore(
            name -> catalog.current().schema(name), config.relationHistory().toNanos());
    RelationStateReader relationReader =
        new RelationStateReader(
            config.kafkaBootstrapServers(),
            config.topicPrefix(),
            relations,
            config.relationStateMaxBytes(),
            metrics);
    source.readRelationState(relationReader);
    registry.readRelationsFrom(relations);
    // Told to reconnect, resumable clients lose nothing; left open they would hear nothing more.
    source.onFailure(
        () ->
            forEachOpenSession(
                s ->
                    s.close(
                        CloseReason.GOING_AWAY,
                        "realtime.content: node stopped streaming, reconnect")));
    this.replays =
        new SessionReplays(
            config.kafkaBootstrapServers(),
            config.maxConcurrentReplays(),
            config.replayStall(),
            config.maxQueueMessages(),
            source,
            registry,
            codec,
            metrics);
    this.queueBudget =
        new NodeQueueBudget(
            config.nodeMaxQueueBytes(), this::forEachOpenSession, metrics.nodeQueueEvictions);
    QueueBounds bounds =
        new QueueBounds(
            config.maxQueueMessages(), config.maxQueueBytes(), config.maxEchoBytes(), queueBudget);
    HandshakeHandler handshakes =
        new HandshakeHandler(
            new TokenVerifier(config.appKey(), clock),
            access,
            catalog,
            registry,
            replays,
            new SessionStarter(registry, replays, relationReader),
            config,
            bounds,
            metrics,
            source.readiness());
    this.jetty =
        new JettyServer(
            config,
            handshakes,
            // Lag turns only /readyz: a lagging node still accepts clients the balancer sends.
            ReadinessProbe.all(
                alsoReady == null
                    ? source.readiness()
                    : ReadinessProbe.all(alsoReady, source.readiness()),
                source.deliveryLag().readiness(config.guards().maxReadyLagMs())),
            meters,
            metrics);
    registerGauges();
  }

  /**
   * Re-reads the schemas; subscribers of a schema that was deleted in FastSchema are told so (4404)
   * rather than left waiting on a topic that will stay silent.
   */
  private void refreshSchemas() {
    if (!catalog.refresh()) {
      return;
    }
    forEachOpenSession(
        s -> {
          String name = s.subscription().schema().name();
          if (catalog.current().schema(name).isEmpty()) {
            s.close(
                CloseReason.UNKNOWN_SCHEMA, "realtime.content: schema " + name + " was deleted");
          }
        });
  }

  private void forEachOpenSession(Consumer<ClientSession> action) {
    registry.forEachSession(action);
    replays.forEachReplaying(action);
  }

  private void registerGauges() {
    Gauge.builder("fanout.delivery.lag", source.deliveryLag(), DeliveryLag::millis)
        .description("How far behind Kafka this node delivers (grows while its consumer stalls)")
        .baseUnit("milliseconds")
        .register(meters);
    Gauge.builder("fanout.node.queue.bytes", queueBudget, NodeQueueBudget::used)
        .description("Characters all connections hold queued or in flight (node-wide bound)")
        .register(meters);
    Gauge.builder("fanout.node.queue.limit.bytes", queueBudget, NodeQueueBudget::limit)
        .description("The node-wide outbound bound (REALTIME_NODE_MAX_QUEUE_MB)")
        .register(meters);
    Gauge.builder("fanout.connections.open", jetty, JettyServer::openConnections)
        .description("Open WebSocket connections, subscribed or being rejected")
        .register(meters);
    Gauge.builder("fanout.relation.state.rows", relations, RelationStore::rows)
        .description("Related rows held for relation filters and selects (RELATIONS.md)")
        .register(meters);
    Gauge.builder("fanout.relation.state.bytes", relations, RelationStore::bytes)
        .description("Estimated heap of the related rows held (REALTIME_RELATION_STATE_MAX_MB)")
        .register(meters);
    Gauge.builder("fanout.connections.public", jetty, JettyServer::publicConnections)
        .description(
            "Open connections on REALTIME_PORT (WebSockets and requests in progress), compared "
                + "with REALTIME_MAX_CONNECTIONS")
        .register(meters);
    Gauge.builder("fanout.write.rest", writeLanes, WriteLanes::restSeconds)
        .description(
            "Longest rest a write thread takes between passes: 0 while the node keeps up, above "
                + "0 while it is saturated (REALTIME_WRITE_REST_MAX_MS)")
        .baseUnit("seconds")
        .register(meters);
    for (SubscriptionRegistry.Kind kind : SubscriptionRegistry.Kind.values()) {
      Gauge.builder("fanout.subscriptions", registry, r -> r.count(kind))
          .description("Open subscriptions by kind: schema-wide, per operation or one record")
          .tag("kind", kind.name().toLowerCase(Locale.ROOT))
          .register(meters);
    }
  }

  /** A quarter of the shorter of the two bounds it enforces, from 50 ms to 1 s. */
  private static long reapIntervalMs(FanoutConfig config) {
    long shorter =
        Math.min(
            config.guards().handshakeTimeout().toMillis(),
            config.guards().closeTimeout().toMillis());
    return Math.max(50, Math.min(1000, shorter / 4));
  }

  public void start() throws Exception {
    jetty.start();
    source.start();
    long ping = config.pingInterval().toMillis();
    ticker.scheduleWithFixedDelay(jetty::pingAll, ping, ping, TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(enforcer::closeExpired, 1, 1, TimeUnit.SECONDS);
    long reap = reapIntervalMs(config);
    ticker.scheduleWithFixedDelay(jetty::reapConnections, reap, reap, TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(
        this::refreshSchemas,
        config.topicRefresh().toMillis(),
        config.topicRefresh().toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info(
        "Fanout listening on {}:{}{} ({})",
        config.bindAddress(),
        port(),
        JettyServer.REALTIME_PATH,
        config);
  }

  /** The port actually bound (useful with port 0). */
  /** The management port (of {@code /metrics}) actually bound. */
  public int managementPort() {
    return jetty.managementPort();
  }

  public int port() {
    return jetty.port();
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
    writeLanes.close();
    // Tell clients to reconnect elsewhere (1001) before the sockets go away.
    registry.forEachSession(s -> s.close(CloseReason.GOING_AWAY, "node shutting down"));
    jetty.stop();
    // One node per registry: every "fanout." meter is this node's (a later node starts at zero).
    for (Meter m : meters.getMeters()) {
      if (m.getId().getName().startsWith("fanout.")) {
        meters.remove(m);
      }
    }
  }
}
