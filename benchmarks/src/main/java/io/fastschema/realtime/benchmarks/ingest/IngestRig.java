package io.fastschema.realtime.benchmarks.ingest;

import io.fastschema.realtime.benchmarks.support.EmbeddedAppDatabase;
import io.fastschema.realtime.benchmarks.support.StartedResources;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestService;
import io.fastschema.realtime.model.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest alone, as the standalone jar's embedded mode starts it but without fanout: embedded
 * PostgreSQL or MariaDB with the sample app, the in-process Kafka broker, and one {@link
 * IngestService} (settings from the environment, e.g. {@code INGEST_POLL_INTERVAL_MS}; replica
 * identity full as in embedded mode). Nothing else reads Kafka, so the JVM's CPU is ingest's, the
 * broker's and the writer's.
 *
 * <p>Lifecycle: {@link #start} blocks until ingest streams; {@link #close} stops everything in
 * reverse order. Not thread-safe.
 */
final class IngestRig implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestRig.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final List<AutoCloseable> resources;
  private final DatabaseCoordinates appDb;
  private final IngestConfig config;
  private final IngestService ingest;
  private final KafkaConsumer<byte[], byte[]> offsets;

  private IngestRig(
      List<AutoCloseable> resources,
      DatabaseCoordinates appDb,
      IngestConfig config,
      IngestService ingest,
      KafkaConsumer<byte[], byte[]> offsets) {
    this.resources = resources;
    this.appDb = appDb;
    this.config = config;
    this.ingest = ingest;
    this.offsets = offsets;
  }

  static IngestRig start(Map<String, String> environment, DatabaseKind kind) throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    ConfigReader reader = new ConfigReader(ConfigSource.of(env));
    Path appDir = Files.createTempDirectory("fastschema-ingest-bench");
    IngestConfig config =
        IngestConfig.read(
            reader, new DatabaseConfig("pending", 1, "p", "p", "p"), "pending", appDir);
    reader.finish();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      DatabaseCoordinates app = EmbeddedAppDatabase.start(kind, resources);
      SampleApp.writeAppDir(appDir, "0123456789abcdef0123456789abcdef");
      SampleApp.createTables(app);
      SampleApp.seed(app);
      LOG.info("Starting in-process Kafka broker");
      InProcessKafkaBroker broker = InProcessKafkaBroker.start();
      resources.add(broker);
      config =
          config
              .withKafka(broker.bootstrapServers())
              .withDatabase(EmbeddedAppDatabase.configOf(app))
              .withSetReplicaIdentityFull(true);
      IngestService ingest =
          new IngestService(config, SchemaCatalog.load(appDir), Clock.systemUTC());
      resources.add(ingest);
      ingest.start();
      awaitStreaming(ingest);
      KafkaConsumer<byte[], byte[]> offsets = offsetReader(broker.bootstrapServers());
      resources.add(offsets);
      return new IngestRig(resources, app, config, ingest, offsets);
    } catch (Exception | Error e) {
      StartedResources.closeAll(resources);
      throw e;
    }
  }

  private static void awaitStreaming(IngestService ingest) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (ingest.state() != IngestService.State.STREAMING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("ingest is " + ingest.state() + " after " + READY_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  private static KafkaConsumer<byte[], byte[]> offsetReader(String bootstrap) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  DatabaseCoordinates appDb() {
    return appDb;
  }

  /** Events (record and access-control) Kafka acknowledged to ingest so far. */
  long acknowledgedEvents() {
    return ingest.stats().eventsPublished();
  }

  long engineRestarts() {
    return ingest.stats().engineRestarts();
  }

  IngestService.State state() {
    return ingest.state();
  }

  /** Records in the blog topic (sum of end offsets): Kafka's own count, to check the stats by. */
  long blogTopicRecords() {
    String topic = config.topicOf("blog");
    List<TopicPartition> partitions =
        offsets.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map((PartitionInfo p) -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toList());
    return offsets.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** The ingest settings that shape throughput, for the result file. */
  Map<String, Object> describe() {
    return StartedResources.describe(config, "in-process");
  }

  @Override
  public void close() {
    StartedResources.closeAll(resources);
  }
}
