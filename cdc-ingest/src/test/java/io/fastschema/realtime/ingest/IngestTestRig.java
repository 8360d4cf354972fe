package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the ingest integration tests share: an ingest on the shared services (each test class with
 * its own slot, publication, offsets topic and topic prefix, given as settings), waiting for a
 * state, and a raw consumer of the topics.
 */
final class IngestTestRig {

  private IngestTestRig() {}

  /** An ingest on the shared database and Kafka, configured by {@code settings}. */
  static IngestService ingest(SharedServices s, Map<String, String> settings) throws Exception {
    return ingest(s, settings, s.appDir());
  }

  /** The same, reading the schemas of {@code appDir} (a copy a test may add schemas to). */
  static IngestService ingest(SharedServices s, Map<String, String> settings, Path appDir)
      throws Exception {
    var db = s.appDb();
    IngestConfig config =
        IngestConfig.read(
            new ConfigReader(ConfigSource.of(settings)),
            new DatabaseConfig(
                db.host(),
                db.port(),
                db.database(),
                db.user(),
                db.password(),
                db.kind() == DatabaseKind.MARIADB ? DatabaseConfig.MYSQL : DatabaseConfig.PGX),
            s.kafkaBootstrapServers(),
            appDir);
    return new IngestService(config, SchemaCatalog.load(appDir), Clock.systemUTC());
  }

  static void awaitState(IngestService i, IngestService.State state, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (i.state() != state && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(state, i.state());
  }

  static KafkaConsumer<byte[], byte[]> consumer(SharedServices s) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
