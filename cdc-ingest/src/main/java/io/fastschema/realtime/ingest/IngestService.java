package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.security.SecurityTopic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium engine that tails FastSchema's database and publishes record events.
 *
 * <p>Lifecycle: {@code NEW → STARTING → (STANDBY →) STREAMING ⇄ RETRYING → STOPPED}. {@link #start()}
 * checks the tables and creates the topics; the thread {@code ingest-leadership} then waits for the
 * {@link LeadershipLock} (one streaming instance per slot; the others are {@code STANDBY}), publishes
 * the access-control snapshot and runs the engine on the thread {@code ingest-engine}. Losing the
 * lock stops the engine and returns to standby. When the
 * engine fails (database or Kafka gone), it is restarted with back-off from the offsets committed
 * in Kafka, which only ever cover acknowledged events: nothing committed is lost, and what is
 * replayed carries the same event ids.
 *
 * <p>Metrics ({@code ingest.*}) go to the {@link MeterRegistry} given and are removed on
 * {@link #close()}, so that a restarted service in the same registry starts afresh.
 *
 * <p>Thread-safe.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Lifecycle states; every transition is logged. */
  public enum State { NEW, STARTING, STANDBY, STREAMING, RETRYING, STOPPED }

  private final IngestConfig config;
  private final SchemaCatalog catalog;
  private final Clock clock;
  private final IngestStats stats = new IngestStats();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final ExecutorService engineThread = Executors.newSingleThreadExecutor(
      r -> new Thread(r, "ingest-engine"));
  private final ObjectMapper mapper = new ObjectMapper();
  /** Names this instance in logs and on its database connections. */
  private final String instanceId = "fastschema-realtime-ingest-"
      + java.util.UUID.randomUUID().toString().substring(0, 8);
  private final LeadershipLock lock;
  private final MeterRegistry meterRegistry;
  private final List<Meter> meters;
  /** The slot's reader when this instance became leader (a dead peer's lingering walsender). */
  private volatile Integer staleSlotReader;

  /** The running engine; replaced on each restart. Guarded by {@code this}. */
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private Producer<byte[], byte[]> producer;
  private CapturedTables tables;

  public IngestService(IngestConfig config, SchemaCatalog catalog, Clock clock) {
    this(config, catalog, clock, new SimpleMeterRegistry());
  }

  /** @param meterRegistry where the {@code ingest.*} meters are registered */
  public IngestService(IngestConfig config, SchemaCatalog catalog, Clock clock,
      MeterRegistry meterRegistry) {
    this.config = config;
    this.catalog = catalog;
    this.clock = clock;
    this.lock = new LeadershipLock(config.database(), config.slotName());
    this.meterRegistry = meterRegistry;
    this.meters = IngestMetrics.bind(stats, state::get, meterRegistry);
  }

  /** Prepares tables and topics, then starts streaming in the background. */
  public void start() throws SQLException, InterruptedException {
    transition(State.NEW, State.STARTING);
    tables = CapturedTables.inspect(catalog, config.database(), config.setReplicaIdentityFull());
    if (tables.tables().isEmpty()) {
      throw new IllegalStateException("no FastSchema table found in database "
          + config.database().database() + ": nothing to capture");
    }
    String securityTopic = SecurityTopic.topic(config.topicPrefix());
    List<String> topics = new java.util.ArrayList<>(catalog.schemas().stream()
        .filter(s -> !catalog.isJunctionTable(s.table()))
        .map(s -> config.topicOf(s.name())).toList());
    topics.add(securityTopic);
    TopicProvisioner.ensureTopics(config.kafkaBootstrapServers(), topics, Set.of(securityTopic),
        config.topicPartitions(), config.topicReplicationFactor());
    producer = new KafkaProducer<>(producerProperties());
    LOG.info("Capturing {} tables {} from {} into topics {}.*", tables.tables().size(),
        tables.tables(), config.database(), config.topicPrefix());
    Thread leadership = new Thread(this::leadLoop, "ingest-leadership");
    leadership.setDaemon(true);
    leadership.start();
  }

  /** Waits for the lock, streams while holding it, and stands by again when it is lost. */
  private void leadLoop() {
    boolean announcedStandby = false;
    while (state.get() != State.STOPPED) {
      try {
        if (!lock.tryAcquire()) {
          if (!announcedStandby) {
            State previous = state.getAndSet(State.STANDBY);
            LOG.info("Ingest {} -> STANDBY: another instance streams from slot {}", previous,
                config.slotName());
            announcedStandby = true;
          }
          Thread.sleep(1000);
          continue;
        }
        announcedStandby = false;
        LOG.info("Ingest {} holds the lock of slot {}: streaming", instanceId, config.slotName());
        staleSlotReader = slotReaderPid();
        SecuritySnapshot.publish(config.database(), producer,
            SecurityTopic.topic(config.topicPrefix()), mapper);
        launchEngine(Duration.ZERO);
        while (state.get() != State.STOPPED && lock.stillHeld()) {
          Thread.sleep(1000);
        }
        if (state.get() != State.STOPPED) {
          LOG.warn("Ingest lost the lock of slot {} (database connection gone); stopping the "
              + "engine and standing by", config.slotName());
          state.set(State.RETRYING);
          closeEngineWithin(Duration.ofSeconds(20));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Ingest leadership: {}; retrying in 2 s", e.toString());
        lock.close();
        try {
          Thread.sleep(2000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "fastschema-realtime-ingest");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    // Order without idempotence: one request in flight per broker keeps retries in order. The
    // idempotent producer was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER forever after a first
    // NOT_LEADER_OR_FOLLOWER on a just-created topic; a retry's duplicate carries the same event
    // id, which consumers drop anyway (at-least-once by contract).
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.setProperty(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    // With one request in flight, everything a Debezium batch (up to 2,048 events) sends while
    // the first request is out waits in the accumulator; 16 KiB batches (the default) would need
    // about a hundred round trips per Debezium batch, each with a fresh LZ4 stream. 256 KiB takes a
    // batch in a handful (measured with IngestThroughput, BENCHMARKS.md "Ingest throughput").
    // linger.ms stays 0: a lone change is sent at once.
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  private synchronized void launchEngine(Duration delay) {
    if (state.get() == State.STOPPED) {
      return;
    }
    ChangeBatchPublisher publisher = new ChangeBatchPublisher(
        new ChangeNormalizer(catalog, tables.fullIdentityTables(), new RowEncoder(mapper), clock,
            config.useSoftDeletes()),
        new RecordEventCodec(mapper), producer, config::topicOf,
        SecurityTopic.topic(config.topicPrefix()), Duration.ofSeconds(60), stats);
    engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
        .using(DebeziumProperties.of(config, tables.tables()))
        .using(new DebeziumEngine.ConnectorCallback() {
          @Override
          public void taskStarted() {
            // Off the engine's thread: the slot turns active only once streaming runs.
            java.util.concurrent.CompletableFuture.runAsync(IngestService.this::awaitSlotActive);
          }

          @Override
          public void taskStopped() {
            state.compareAndSet(State.STREAMING, State.RETRYING);
          }
        })
        .using(this::engineCompleted)
        .notifying(publisher)
        .build();
    DebeziumEngine<RecordChangeEvent<SourceRecord>> toRun = engine;
    engineThread.execute(() -> {
      try {
        Thread.sleep(delay.toMillis());
        toRun.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * Streaming means this instance reads the slot: only then is a fanout client guaranteed every
   * change. A standby waits here (its Debezium retries the slot every second) for as long as
   * another instance holds the slot.
   */
  private void awaitSlotActive() {
    while (state.get() != State.STOPPED) {
      try {
        if (slotActive()) {
          State previous = state.get();
          if ((previous == State.STARTING || previous == State.RETRYING
              || previous == State.STANDBY)
              && state.compareAndSet(previous, State.STREAMING)) {
            LOG.info("Ingest {} -> STREAMING (slot {})", previous, config.slotName());
          }
          return;
        }
        Thread.sleep(50);
      } catch (SQLException e) {
        LOG.warn("Cannot read pg_replication_slots yet: {}", e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean slotActive() throws SQLException {
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps = c.prepareStatement(
            "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
      ps.setString(1, config.slotName());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        // Only the leader runs an engine, so an active reader is ours, unless it is the one that
        // was already there when we took over (a dead peer's, not yet gone).
        return !Integer.valueOf(rs.getInt(1)).equals(staleSlotReader);
      }
    }
  }

  private Integer slotReaderPid() throws SQLException {
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps = c.prepareStatement(
            "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
      ps.setString(1, config.slotName());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  private void engineCompleted(boolean success, String message, Throwable error) {
    if (state.get() == State.STOPPED || !lock.stillHeld()) {
      LOG.info("Debezium engine stopped: {}", message);
      return;
    }
    long restarts = stats.engineRestarts();
    Duration backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(),
        500L * (1L << Math.min(6, restarts))));
    State previous = state.getAndSet(State.RETRYING);
    LOG.error("Debezium engine ended ({} -> RETRYING, restart #{} in {} ms): {}", previous,
        restarts + 1, backoff.toMillis(), message, error);
    stats.engineRestarted();
    launchEngine(backoff);
  }

  /**
   * Debezium's close flushes offsets through a Kafka producer whose close does not time out; with
   * Kafka gone it would never return, so it gets a bounded wait on a thread of its own.
   */
  private void closeEngineWithin(Duration limit) {
    DebeziumEngine<RecordChangeEvent<SourceRecord>> toClose;
    synchronized (this) {
      toClose = engine;
    }
    if (toClose == null) {
      return;
    }
    Thread closer = new Thread(() -> {
      try {
        toClose.close();
      } catch (IOException e) {
        LOG.warn("Closing the Debezium engine failed", e);
      }
    }, "ingest-engine-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.warn("Debezium engine did not close within {}; offsets flushed since the last commit "
          + "may be replayed on the next start (same event ids)", limit);
    }
  }

  public State state() {
    return state.get();
  }

  public IngestStats stats() {
    return stats;
  }

  /** Ready while the engine streams from the slot. */
  public ReadinessProbe readiness() {
    return () -> state.get() == State.STREAMING ? null : "ingest is " + state.get();
  }

  private void transition(State expected, State next) {
    if (!state.compareAndSet(expected, next)) {
      throw new IllegalStateException("ingest cannot go " + expected + " -> " + next
          + ": it is " + state.get());
    }
    LOG.info("Ingest {} -> {}", expected, next);
  }

  @Override
  public void close() {
    State previous = state.getAndSet(State.STOPPED);
    if (previous == State.STOPPED) {
      return;
    }
    meters.forEach(meterRegistry::remove);
    LOG.info("Ingest {} -> STOPPED", previous);
    closeEngineWithin(Duration.ofSeconds(20));
    engineThread.shutdown();
    try {
      if (!engineThread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Debezium engine thread did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
    lock.close();
  }
}
