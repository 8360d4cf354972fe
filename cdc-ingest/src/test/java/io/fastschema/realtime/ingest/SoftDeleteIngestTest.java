package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** FastSchema's soft deletes (DB_USE_SOFT_DELETES=true) as events, on real PostgreSQL and Kafka. */
@ExtendWith(SharedServicesExtension.class)
class SoftDeleteIngestTest {

  @Test
  void deletedAtTransitionsAreDeletesAndCreatesAndHiddenUpdatesAreSilent(SharedServices s)
      throws Exception {
    var db = s.appDb();
    IngestConfig config = IngestConfig.read(new ConfigReader(ConfigSource.of(Map.of(
            "INGEST_SLOT_NAME", "soft_test", "INGEST_PUBLICATION_NAME", "soft_test",
            "INGEST_OFFSETS_TOPIC", "soft-test.offsets", "REALTIME_TOPIC_PREFIX", "stest",
            "DB_USE_SOFT_DELETES", "true", "INGEST_SET_REPLICA_IDENTITY_FULL", "true"))),
        new DatabaseConfig(db.host(), db.port(), db.database(), db.user(), db.password()),
        s.kafkaBootstrapServers(), s.appDir());
    try (IngestService ingest = new IngestService(config, SchemaCatalog.load(s.appDir()),
        Clock.systemUTC())) {
      ingest.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (ingest.state() != IngestService.State.STREAMING && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String m = "soft-" + System.nanoTime();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO blogs (title, views, published, status) VALUES ('" + m
            + "', 1, false, 'draft')");
        st.executeUpdate("UPDATE blogs SET deleted_at = now() WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET views = 2 WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET deleted_at = NULL WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET views = 3 WHERE title = '" + m + "'");
      }
      List<RecordEvent> got = read(s, m, 4);
      assertEquals(List.of(Operation.CREATE, Operation.DELETE, Operation.CREATE, Operation.UPDATE),
          got.stream().map(RecordEvent::op).toList(), "the hidden update sends nothing");
      RecordEvent delete = got.get(1);
      assertNull(delete.after());
      assertTrue(!delete.before().has("deleted_at"), "the delete carries the row before it");
      assertEquals(2, got.get(2).after().get("views").asInt(),
          "the restore carries the row as restored (views 2 from the hidden update)");
    }
  }

  private static List<RecordEvent> read(SharedServices s, String marker, int expected)
      throws Exception {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
    p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    RecordEventCodec codec = new RecordEventCodec();
    List<RecordEvent> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition("stest.blog", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          RecordEvent e = codec.decode(r.value());
          if (e.visibleRow().path("title").asText().equals(marker)) {
            out.add(e);
          }
        }
        if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofMillis(800).toNanos();
        }
      }
    }
    return out;
  }
}
