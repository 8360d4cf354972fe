package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relation state topics (issue 11 items 4a and 5): every existing row of a table relations
 * reach is published once as a snapshot row, then every change, junction tables included (they have
 * no schema topic), a delete followed by a tombstone.
 */
@ExtendWith(SharedServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationStateIngestTest {

  private static final String PREFIX = "stest";
  private final StateRecordCodec codec = new StateRecordCodec();
  private SharedServices services;
  private IngestService ingest;
  private Set<String> tagsAtStart;

  @BeforeAll
  void start(SharedServices s) throws Exception {
    services = s;
    tagsAtStart = new HashSet<>(column("SELECT id::text FROM tags"));
    ingest =
        IngestTestRig.ingest(
            s,
            Map.of(
                "INGEST_SLOT_NAME", "state_test",
                "INGEST_PUBLICATION_NAME", "state_test",
                "INGEST_OFFSETS_TOPIC", "state-test.offsets",
                "REALTIME_TOPIC_PREFIX", PREFIX));
    ingest.start();
    IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(90));
  }

  @AfterAll
  void stop() throws Exception {
    if (ingest != null) {
      ingest.close();
    }
  }

  private List<String> column(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void sql(String... statements) throws Exception {
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

  /** Key text → values in topic order (null for a tombstone), until {@code until} holds. */
  private List<ConsumerRecord<byte[], byte[]>> read(
      String table, java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> until)
      throws Exception {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(services)) {
      String topic = PREFIX + "-state." + table;
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!until.test(out) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  private StateRecord decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      return codec.decode(r.value());
    } catch (Exception e) {
      throw new AssertionError(new String(r.value(), StandardCharsets.UTF_8), e);
    }
  }

  @Test
  void existingRowsArePublishedOnceAsSnapshotRows() throws Exception {
    List<ConsumerRecord<byte[], byte[]>> records =
        read(
            "tags",
            rs -> {
              Set<String> seen = new HashSet<>();
              rs.stream()
                  .filter(r -> r.value() != null)
                  .forEach(r -> seen.add(decode(r).key().get("id").asText()));
              return seen.containsAll(tagsAtStart);
            });
    Set<String> snapshotIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      StateRecord s = decode(r);
      if (s.op().equals(StateRecord.SNAPSHOT)) {
        snapshotIds.add(s.key().get("id").asText());
        assertEquals(0, s.position(), "snapshot rows are older than every change");
        assertTrue(s.row().has("name"), "whole rows: " + s.row());
      }
    }
    assertTrue(snapshotIds.containsAll(tagsAtStart), snapshotIds + " lacks some of " + tagsAtStart);
  }

  @Test
  void junctionChangesAreStateRecordsAndADeleteIsFollowedByATombstone() throws Exception {
    String m = "s" + UUID.randomUUID().toString().substring(0, 8);
    String tag = UUID.randomUUID().toString();
    sql(
        "INSERT INTO tags (id, name) VALUES ('" + tag + "', '" + m + "')",
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + m
            + "', 0, false, 'draft')",
        "INSERT INTO blogs_tags (blogs, tags) SELECT id, '"
            + tag
            + "' FROM blogs WHERE title = '"
            + m
            + "'");
    String blog = column("SELECT id::text FROM blogs WHERE title = '" + m + "'").get(0);
    sql("DELETE FROM blogs WHERE title = '" + m + "'");
    String key = "{\"blogs\":" + blog + ",\"tags\":\"" + tag + "\"}";
    List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
    read(
        "blogs_tags",
        rs -> {
          mine.clear();
          rs.stream()
              .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
              .forEach(mine::add);
          return mine.size() >= 3;
        });
    assertEquals(3, mine.size(), "create, delete (the cascade) and tombstone under " + key);
    StateRecord created = decode(mine.get(0));
    assertEquals("create", created.op());
    assertEquals(tag, created.row().get("tags").asText());
    StateRecord deleted = decode(mine.get(1));
    assertEquals("delete", deleted.op());
    assertTrue(deleted.position() > created.position(), "transactions in commit order: " + mine);
    assertNull(mine.get(2).value(), "a tombstone follows the delete");
  }
}
