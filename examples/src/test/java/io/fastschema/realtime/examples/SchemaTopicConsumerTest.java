package io.fastschema.realtime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestService;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example consumer against the real pipeline: SQL on the shared PostgreSQL, the real ingest
 * publishing to the shared in-process Kafka broker (three partitions per topic, LZ4 as shipped),
 * and the consumer reading the blog topic. Then a replayed record and a malformed one are put on
 * the topic by hand, as an ingest crash and a foreign producer would.
 */
@ExtendWith(SharedServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaTopicConsumerTest {

  private static final String PREFIX = "example";
  private static final String TOPIC = PREFIX + ".blog";

  private SharedServices services;
  private IngestService ingest;
  private final List<TransactionGroups.Group> groups = new ArrayList<>();
  private final List<String> duplicates = new ArrayList<>();
  private final List<List<String>> invalid = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

  @BeforeAll
  void start(SharedServices s) throws Exception {
    services = s;
    var db = s.appDb();
    IngestConfig config =
        IngestConfig.read(
            new ConfigReader(
                ConfigSource.of(
                    Map.of(
                        "INGEST_SLOT_NAME",
                        "example_consumer",
                        "INGEST_PUBLICATION_NAME",
                        "example_consumer",
                        "INGEST_OFFSETS_TOPIC",
                        "example.offsets",
                        "REALTIME_TOPIC_PREFIX",
                        PREFIX,
                        "INGEST_TOPIC_PARTITIONS",
                        "3"))),
            new DatabaseConfig(db.host(), db.port(), db.database(), db.user(), db.password()),
            s.kafkaBootstrapServers(),
            s.appDir());
    ingest = new IngestService(config, SchemaCatalog.load(s.appDir()), Clock.systemUTC());
    ingest.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ingest.state() != IngestService.State.STREAMING && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(IngestService.State.STREAMING, ingest.state());
  }

  @AfterAll
  void stop() {
    if (ingest != null) {
      ingest.close();
    }
  }

  private void transaction(String... statements) throws Exception {
    try (Connection c = services.appDb().connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        for (String s : statements) {
          st.executeUpdate(s);
        }
      }
      c.commit();
    }
  }

  private SchemaTopicConsumer.Handler recorder() {
    return new SchemaTopicConsumer.Handler() {
      @Override
      public void group(TransactionGroups.Group g) {
        groups.add(g);
      }

      @Override
      public void duplicate(ConsumerRecord<byte[], byte[]> r, String id) {
        duplicates.add(id);
      }

      @Override
      public void invalid(ConsumerRecord<byte[], byte[]> r, List<String> problems) {
        invalid.add(problems);
      }
    };
  }

  /** Polls until {@code done} holds (fails after 30 s). */
  private void pollUntil(SchemaTopicConsumer c, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(
          System.nanoTime() < deadline,
          "gave up: groups " + groups + ", duplicates " + duplicates + ", invalid " + invalid);
      c.pollOnce(Duration.ofMillis(200));
    }
  }

  private static List<String> titles(TransactionGroups.Group g) {
    return g.events().stream().map(e -> e.path("after").path("title").asText()).toList();
  }

  @Test
  void validatesDropsReplaysAndRebuildsGroupsAcrossPartitions() throws Exception {
    String m = "x" + UUID.randomUUID().toString().substring(0, 8);
    // One transaction: a 4-row insert (one group of 4 creates, spread over 3 partitions by key),
    // a category (another topic), then an update of two of the rows (one group of 2 updates).
    transaction(
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + m
            + "1', 1, false, 'draft'),"
            + " ('"
            + m
            + "2', 1, false, 'draft'), ('"
            + m
            + "3', 1, false, 'draft'),"
            + " ('"
            + m
            + "4', 1, false, 'draft')",
        "INSERT INTO categories (id, name, slug) VALUES (gen_random_uuid(), '"
            + m
            + "', '"
            + m
            + "')",
        "UPDATE blogs SET views = 2 WHERE title IN ('" + m + "1', '" + m + "4')");

    try (SchemaTopicConsumer c =
        new SchemaTopicConsumer(services.kafkaBootstrapServers(), TOPIC, recorder())) {
      pollUntil(
          c,
          () ->
              groups.stream()
                  .anyMatch(
                      g ->
                          g.op().equals("update")
                              && titles(g).stream().anyMatch(t -> t.startsWith(m))));
      List<TransactionGroups.Group> ours =
          groups.stream().filter(g -> titles(g).stream().allMatch(t -> t.startsWith(m))).toList();
      assertEquals(2, ours.size(), "groups: " + groups);
      TransactionGroups.Group created = ours.get(0);
      TransactionGroups.Group updated = ours.get(1);
      assertEquals("create", created.op());
      assertEquals(List.of(m + "1", m + "2", m + "3", m + "4"), titles(created), "in txn order");
      assertEquals("update", updated.op());
      assertEquals(2, updated.events().size());
      assertEquals(created.txId(), updated.txId(), "one transaction");
      assertTrue(
          created.events().stream()
              .map(e -> e.get("txn").get("order").asLong())
              .toList()
              .equals(List.of(1L, 2L, 3L, 4L)),
          "orders: " + created.events());
      // The transaction's last event (the second update; the category went to another topic
      // before it) says so, and no other does.
      List<JsonNode> ourEvents = ours.stream().flatMap(g -> g.events().stream()).toList();
      assertEquals(
          List.of(7L),
          ourEvents.stream()
              .filter(e -> e.get("txn").get("last_in_txn").asBoolean())
              .map(e -> e.get("txn").get("order").asLong())
              .toList(),
          "last_in_txn on: " + ourEvents);
      assertEquals(0, c.incompleteGroups());
      assertTrue(invalid.isEmpty(), "ingest's own events all validate: " + invalid);
      assertTrue(duplicates.isEmpty(), duplicates.toString());

      // An ingest crash re-publishes what it had not committed offsets for: same key, same value.
      JsonNode replayed = updated.events().get(1);
      byte[] key = SchemaTopicConsumer.JSON.writeValueAsBytes(replayed.get("key"));
      byte[] value = SchemaTopicConsumer.JSON.writeValueAsBytes(replayed);
      // And a producer that does not follow the contract.
      byte[] bad =
          ("{\"v\":1,\"id\":\"nope\",\"schema\":\"blog\",\"table\":\"blogs\",\"op\":\"create\","
                  + "\"key\":{\"id\":1},\"before\":null,\"after\":{}}")
              .getBytes(StandardCharsets.UTF_8);
      try (KafkaProducer<byte[], byte[]> p = producer()) {
        p.send(new ProducerRecord<>(TOPIC, key, value)).get();
        p.send(new ProducerRecord<>(TOPIC, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), bad))
            .get();
      }
      pollUntil(c, () -> duplicates.size() == 1 && invalid.size() == 1);
      assertEquals(replayed.get("id").asText(), duplicates.get(0));
      assertTrue(invalid.get(0).stream().anyMatch(p -> p.contains("txn")), invalid.toString());
      assertTrue(invalid.get(0).stream().anyMatch(p -> p.contains("id")), invalid.toString());
      assertEquals(
          2,
          groups.stream().filter(g -> titles(g).stream().allMatch(t -> t.startsWith(m))).count(),
          "the replay made no new group");
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
    p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.setProperty(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }
}
