package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.ChangeEventFormat;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.RelationStateTopic;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.security.SecurityTopic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium engine that tails FastSchema's database and publishes record events.
 *
 * <p>Lifecycle ({@link IngestLifecycle}): {@code NEW → STARTING → (STANDBY →) STREAMING ⇄ RETRYING
 * → STOPPED}. {@link #start()} checks the tables and creates the topics; the {@link LeadershipLoop}
 * then waits for the {@link LeadershipLock} (one streaming instance per slot; the others are {@code
 * STANDBY}), publishes the access-control snapshot and has the {@link EngineRunner} run the engine.
 * Losing the lock stops the engine and returns to standby. When the engine fails (database or Kafka
 * gone), it is restarted with back-off from the offsets committed in Kafka, which only ever cover
 * acknowledged events: nothing committed is lost, and what is replayed carries the same event ids.
 *
 * <p>Metrics ({@code ingest.*}) go to the {@link MeterRegistry} given and are removed on {@link
 * #close()}, so that a restarted service in the same registry starts afresh.
 *
 * <p>Thread-safe.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** The first engine restart's delay; it doubles with each further restart. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  /** Lifecycle states; every transition is logged. */
  public enum State {
    NEW,
    STARTING,
    STANDBY,
    STREAMING,
    RETRYING,
    STOPPED
  }

  private final IngestConfig config;

  /** The schemas as last read; replaced by the schema watch. */
  private volatile SchemaCatalog catalog;

  private final Clock clock;
  private final IngestStats stats = new IngestStats();
  private final IngestLifecycle lifecycle = new IngestLifecycle();
  private final ObjectMapper mapper = new ObjectMapper();

  /** Names this instance in logs and on its database connections. */
  private final String instanceId =
      "fastschema-realtime-ingest-" + UUID.randomUUID().toString().substring(0, 8);

  private final LeadershipLock lock;
  private final ReplicationSlot slot;
  private final EngineRunner runner;
  private final MeterRegistry meterRegistry;
  private final List<Meter> meters;

  /** Set by {@link #start()}. */
  private volatile Producer<byte[], byte[]> producer;

  private volatile CapturedTables tables;

  /** The tables the running engine was built with (the watch compares against these). */
  private volatile java.util.Set<String> engineTables = java.util.Set.of();

  /** Re-reads schemas and tables every INGEST_SCHEMA_REFRESH_MS; null when off. */
  private java.util.concurrent.ScheduledExecutorService schemaWatch;

  /**
   * The MySQL/MariaDB server when DB_DRIVER=mysql (set by {@link #start()}); null on PostgreSQL.
   */
  private volatile BinlogServer binlog;

  public IngestService(IngestConfig config, SchemaCatalog catalog, Clock clock) {
    this(config, catalog, clock, new SimpleMeterRegistry());
  }

  /**
   * @param meterRegistry where the {@code ingest.*} meters are registered
   */
  public IngestService(
      IngestConfig config, SchemaCatalog catalog, Clock clock, MeterRegistry meterRegistry) {
    this.config = config;
    this.catalog = catalog;
    this.clock = clock;
    this.lock = new LeadershipLock(config.database(), config.slotName());
    this.slot = new ReplicationSlot(config.database(), config.slotName());
    this.runner =
        new EngineRunner(
            this::newEngine,
            lifecycle,
            lock::stillHeld,
            stats,
            FIRST_BACKOFF,
            this::awaitSlotActive);
    this.meterRegistry = meterRegistry;
    this.meters = IngestMetrics.bind(stats, lifecycle::get, meterRegistry);
  }

  /** Prepares tables and topics, then starts streaming in the background. */
  public void start() throws SQLException, InterruptedException {
    if (lifecycle.moveTo(State.STARTING, EnumSet.of(State.NEW), null) == null) {
      throw new IllegalStateException("ingest cannot go NEW -> STARTING: it is " + lifecycle.get());
    }
    if (config.database().isMySql()) {
      binlog = checkedBinlogServer();
    }
    tables = CapturedTables.inspect(catalog, config.database(), config.setReplicaIdentityFull());
    if (tables.tables().isEmpty()) {
      throw new IllegalStateException(
          "no FastSchema table found in database "
              + config.database().database()
              + ": nothing to capture");
    }
    String securityTopic = SecurityTopic.topic(config.topicPrefix());
    List<String> topics = new ArrayList<>(schemaTopics(catalog));
    topics.add(securityTopic);
    Set<String> compacted = new java.util.HashSet<>(stateTopics(catalog, tables.tables()));
    topics.addAll(compacted);
    compacted.add(securityTopic);
    TopicProvisioner.ensureTopics(
        config.kafkaBootstrapServers(),
        topics,
        compacted,
        config.topicPartitions(),
        config.topicReplicationFactor());
    producer =
        new KafkaProducer<>(
            ProducerSettings.of(config.kafkaBootstrapServers(), config.compressionType()));
    LOG.info(
        "Capturing {} tables {} from {} into topics {}.*",
        tables.tables().size(),
        tables.tables(),
        config.database(),
        config.topicPrefix());
    new LeadershipLoop(
            lifecycle,
            lock,
            slot,
            runner,
            () -> SecuritySnapshot.publish(config.database(), producer, securityTopic, mapper),
            instanceId)
        .start();
    if (config.schemaRefreshMs() > 0 && config.appDir() != null) {
      schemaWatch =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> new Thread(r, "ingest-schema-watch"));
      schemaWatch.scheduleWithFixedDelay(
          this::refreshSchemas,
          config.schemaRefreshMs(),
          config.schemaRefreshMs(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /**
   * FastSchema users add and drop schemas at run time. When the tables to capture differ from the
   * running engine's, ingest creates the new schemas' topics and restarts the engine with the new
   * table list: it continues from the committed offsets, so nothing already captured is lost or
   * repeated out of order. A new table's rows written before it joined the publication (the time
   * between FastSchema's CREATE TABLE and this refresh) are not in the change stream.
   */
  void refreshSchemas() {
    try {
      SchemaCatalog fresh = SchemaCatalog.load(config.appDir());
      java.util.Set<String> wanted = CapturedTables.wouldCapture(fresh, config.database());
      if (wanted.equals(engineTables) || lifecycle.get() != State.STREAMING) {
        return; // a standby or retrying engine is built from the tables read then
      }
      CapturedTables found =
          CapturedTables.inspect(fresh, config.database(), config.setReplicaIdentityFull());
      java.util.Set<String> added = new java.util.TreeSet<>(found.tables());
      added.removeAll(engineTables);
      java.util.Set<String> dropped = new java.util.TreeSet<>(engineTables);
      dropped.removeAll(found.tables());
      List<String> freshStateTopics = stateTopics(fresh, found.tables());
      TopicProvisioner.ensureTopics(
          config.kafkaBootstrapServers(),
          java.util.stream.Stream.concat(schemaTopics(fresh).stream(), freshStateTopics.stream())
              .toList(),
          Set.copyOf(freshStateTopics),
          config.topicPartitions(),
          config.topicReplicationFactor());
      catalog = fresh;
      tables = found;
      runner.restart(
          Duration.ofSeconds(20),
          () -> {
            if (!config.database().isMySql() && !added.isEmpty()) {
              try {
                PublicationTables.addMissing(config.database(), config.publicationName(), added);
              } catch (SQLException e) {
                LOG.warn(
                    "Could not add {} to publication {}: {}",
                    added,
                    config.publicationName(),
                    e.getMessage());
              }
            }
          },
          "captured tables changed: added " + added + ", dropped " + dropped);
    } catch (Exception e) {
      // The next refresh tries again; capture of the known tables goes on meanwhile.
      LOG.warn("Schema refresh failed (will retry): {}", e.toString());
    }
  }

  /** One topic per schema that has rows of its own (junction tables have none). */
  private List<String> schemaTopics(SchemaCatalog schemas) {
    return schemas.schemas().stream()
        .filter(s -> !schemas.isJunctionTable(s.table()))
        .map(s -> config.topicOf(s.name()))
        .toList();
  }

  /** The relation state topics of the captured tables relations reach (compacted). */
  private List<String> stateTopics(SchemaCatalog schemas, Set<String> captured) {
    return stateTables(schemas, captured).stream()
        .map(t -> RelationStateTopic.topic(config.topicPrefix(), t))
        .toList();
  }

  private static Set<String> stateTables(SchemaCatalog schemas, Set<String> captured) {
    Set<String> tables = new java.util.TreeSet<>(RelationStateTopic.tables(schemas));
    tables.retainAll(captured);
    return tables;
  }

  /**
   * Detects the flavour and refuses to start, listing every fix at once, when capture cannot work.
   */
  private BinlogServer checkedBinlogServer() throws SQLException {
    BinlogServer server = BinlogServer.detect(config.database());
    List<String> problems = server.problems(config.database());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          server.version()
              + " at "
              + config.database()
              + " is not ready for binlog capture ("
              + problems.size()
              + " problem(s)):\n  "
              + String.join("\n  ", problems));
    }
    LOG.info("Reading the binlog of {} with {}", server.version(), server.connectorClass());
    return server;
  }

  private DebeziumEngine<?> newEngine(
      DebeziumEngine.ConnectorCallback connector, DebeziumEngine.CompletionCallback completion) {
    CapturedTables tables = this.tables;
    SchemaCatalog catalog = this.catalog;
    engineTables = tables.tables();
    Set<String> stateTables = stateTables(catalog, tables.tables());
    String securityTopic = SecurityTopic.topic(config.topicPrefix());
    RelationState relationState =
        new RelationState(
            stateTables,
            t -> RelationStateTopic.topic(config.topicPrefix(), t),
            new StateRecordCodec(mapper),
            producer);
    LiveTopicRecords liveRecords = new LiveTopicRecords(config.kafkaBootstrapServers());
    ResumedTransaction resumed = new ResumedTransaction();
    ChangeBatchPublisher publisher =
        new ChangeBatchPublisher(
            new ChangeNormalizer(
                catalog,
                tables.fullIdentityTables(),
                new RowEncoder(mapper),
                clock,
                config.useSoftDeletes(),
                binlog != null,
                stateTables,
                resumed),
            resumed,
            new RecordEventCodec(mapper),
            producer,
            config::topicOf,
            securityTopic,
            relationState,
            new TruncatedRows(
                liveRecords, securityTopic, relationState, new StateRecordCodec(mapper), producer),
            new StoredResumePoint(liveRecords, config.offsetsTopic(), mapper),
            Duration.ofSeconds(60),
            stats);
    return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
        .using(DebeziumProperties.of(config, tables.tables(), stateTables, binlog))
        .using(connector)
        .using(completion)
        .notifying(publisher)
        .build();
  }

  /**
   * Streaming means this instance reads the slot: only then is a fanout client guaranteed every
   * change. A standby waits here (its Debezium retries the slot every second) for as long as
   * another instance holds the slot.
   */
  private void awaitSlotActive() {
    while (!lifecycle.stopped()) {
      try {
        if (slot.readByUs()) {
          lifecycle.moveTo(
              State.STREAMING,
              EnumSet.of(State.STARTING, State.RETRYING, State.STANDBY),
              "slot " + slot.name());
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

  public State state() {
    return lifecycle.get();
  }

  public IngestStats stats() {
    return stats;
  }

  /** Ready while the engine streams from the slot. */
  public ReadinessProbe readiness() {
    return () -> lifecycle.get() == State.STREAMING ? null : "ingest is " + lifecycle.get();
  }

  @Override
  public void close() {
    if (lifecycle.moveTo(State.STOPPED, IngestLifecycle.RUNNING, null) == null) {
      return;
    }
    meters.forEach(meterRegistry::remove);
    if (schemaWatch != null) {
      schemaWatch.shutdownNow();
    }
    runner.closeWithin(Duration.ofSeconds(20));
    runner.shutdown();
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
    lock.close();
  }
}
