package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Ingest on its own against real PostgreSQL and Kafka: what lands on the schema topics. Tables keep
 * FastSchema's default replica identity here, to show what is (and is not) sent without FULL.
 */
@ExtendWith(SharedServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestServiceTest {

  private final RecordEventCodec codec = new RecordEventCodec();
  private SharedServices services;
  private IngestService ingest;
  private KafkaConsumer<byte[], byte[]> consumer;

  @BeforeAll
  void start(SharedServices s) throws Exception {
    services = s;
    // The shared database outlives test classes, and SoftDeleteIngestTest turns on REPLICA
    // IDENTITY FULL: put back the default this class is about, whatever ran before.
    sql("ALTER TABLE blogs REPLICA IDENTITY DEFAULT");
    sql("ALTER TABLE tags REPLICA IDENTITY FULL");
    ingest =
        IngestTestRig.ingest(
            s,
            Map.of(
                "INGEST_SLOT_NAME",
                "ingest_test",
                "INGEST_PUBLICATION_NAME",
                "ingest_test",
                "INGEST_OFFSETS_TOPIC",
                "ingest-test.offsets",
                "REALTIME_TOPIC_PREFIX",
                "itest"));
    ingest.start();
    IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(60));
    consumer = IngestTestRig.consumer(s);
    List<TopicPartition> parts = new ArrayList<>();
    for (String schema : List.of("blog", "user", "tag", "category")) {
      parts.add(new TopicPartition("itest." + schema, 0));
    }
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position);
  }

  @AfterAll
  void stop() throws Exception {
    sql("ALTER TABLE tags REPLICA IDENTITY DEFAULT");
    if (consumer != null) {
      consumer.close();
    }
    if (ingest != null) {
      ingest.close();
    }
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

  /** Events until {@code count} arrived (fails after 20 s), then anything else within 500 ms. */
  private List<RecordEvent> events(int count) throws Exception {
    List<RecordEvent> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long quietUntil = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(deadline, quietUntil)) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        out.add(codec.decode(r.value()));
      }
      if (out.size() >= count && quietUntil == Long.MAX_VALUE) {
        quietUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
      }
    }
    return out;
  }

  @Test
  void oneTransactionBecomesGroupsWithOneCommitPositionAndIncreasingIds() throws Exception {
    String m = "t" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + m
            + "a', 1, false, 'draft'),"
            + " ('"
            + m
            + "b', 1, false, 'draft')",
        "UPDATE blogs SET views = 2 WHERE title LIKE '" + m + "%'");
    List<RecordEvent> got = events(4);
    assertEquals(4, got.size(), got.toString());
    assertEquals(
        List.of(Operation.CREATE, Operation.CREATE, Operation.UPDATE, Operation.UPDATE),
        got.stream().map(RecordEvent::op).toList());
    assertEquals(
        1,
        got.stream().map(e -> e.source().prevCommitLsn()).distinct().count(),
        "one commit position per transaction: "
            + got.stream()
                .map(e -> e.txn().id() + "@" + e.source().prevCommitLsn() + "/" + e.source().lsn())
                .toList());
    assertEquals(1, got.stream().map(e -> e.txn().id()).distinct().count());
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i - 1).id().compareTo(got.get(i).id()) < 0, "ids increase: " + got);
    }
    assertEquals(
        List.of(false, true, false, true), got.stream().map(e -> e.txn().lastInGroup()).toList());
    assertEquals(List.of(1L, 1L, 3L, 3L), got.stream().map(e -> e.txn().groupStart()).toList());
    assertTrue(got.get(0).source().commitTimeMs() > 0);
    assertEquals("blogs", got.get(0).table());
    assertEquals(got.get(0).after().get("id"), got.get(0).key().get("id"));
  }

  @Test
  void laterTransactionsGetGreaterIds() throws Exception {
    sql("INSERT INTO tags (id, name) VALUES (gen_random_uuid(), 'one')");
    sql("INSERT INTO tags (id, name) VALUES (gen_random_uuid(), 'two')");
    List<RecordEvent> got = events(2);
    assertEquals(2, got.size());
    assertTrue(got.get(0).source().prevCommitLsn() < got.get(1).source().prevCommitLsn());
    assertTrue(got.get(0).id().compareTo(got.get(1).id()) < 0);
  }

  @Test
  void withoutReplicaIdentityFullUpdatesHaveNoBeforeAndDeletesOnlyTheKey() throws Exception {
    String m = "r" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + m
            + "', 1, false, 'draft')");
    sql("UPDATE blogs SET views = 5 WHERE title = '" + m + "'");
    sql("DELETE FROM blogs WHERE title = '" + m + "'");
    List<RecordEvent> got = events(3);
    assertEquals(3, got.size());
    assertNull(got.get(1).before());
    RecordEvent delete = got.get(2);
    assertEquals(
        List.of("id"),
        fieldNames(delete.before()),
        "placeholders of other columns must not pass for values: " + delete.before());
  }

  @Test
  void passwordsNeverLeaveTheDatabaseAndNullUuidsAreZero() throws Exception {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "INSERT INTO users (id, username, email, password, active) VALUES (gen_random_uuid(), '"
            + name
            + "', '"
            + name
            + "@x', 'secret-hash', true)");
    List<RecordEvent> got = events(1);
    assertEquals(1, got.size());
    var row = got.get(0).after();
    assertEquals(name, row.get("username").asText());
    assertFalse(row.has("password"), row.toString());
    assertTrue(
        row.get("avatar_id").isNull(),
        "a NULL uuid is published as NULL (fanout writes"
            + " FastSchema's zero uuid for clients): "
            + row);
  }

  @Test
  void aCopyOfFiveRowsIsFiveEventsWithDistinctIncreasingIds() throws Exception {
    String m = "c" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      rows.append(m).append(i).append("\t1\tf\tdraft\n");
    }
    try (Connection c = services.appDb().connect()) {
      c.unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY blogs (title, views, published, status) FROM STDIN",
              new java.io.StringReader(rows.toString()));
    }
    List<RecordEvent> got = events(5);
    assertEquals(5, got.size(), got.toString());
    assertEquals(
        1,
        got.stream().map(e -> e.source().lsn()).distinct().count(),
        "PostgreSQL writes the page as one WAL record (else this test shows nothing): " + got);
    assertEquals(5, got.stream().map(RecordEvent::id).distinct().count(), got.toString());
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i - 1).id().compareTo(got.get(i).id()) < 0, "ids increase: " + got);
    }
  }

  @Test
  void aPrimaryKeyUpdateIsADeleteAndACreateWithDistinctIds() throws Exception {
    String m = "k" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + m
            + "', 1, false, 'draft')");
    long newId = 900_000 + (System.nanoTime() & 0xFFFF);
    sql("UPDATE blogs SET id = " + newId + " WHERE title = '" + m + "'");
    List<RecordEvent> got = events(3);
    assertEquals(
        List.of(Operation.CREATE, Operation.DELETE, Operation.CREATE),
        got.stream().map(RecordEvent::op).toList(),
        got.toString());
    RecordEvent delete = got.get(1);
    RecordEvent create = got.get(2);
    assertEquals(delete.source().lsn(), create.source().lsn(), "one WAL record: " + got);
    assertTrue(delete.id().compareTo(create.id()) < 0, delete.id() + " / " + create.id());
    assertEquals(newId, create.key().get("id").asLong());
  }

  @Test
  void aTableWhoseIdentityDroppedFromFullAfterStartSendsOnlyTheKeyOfADelete() throws Exception {
    // Ingest read tags as FULL at start (see start()); a later ALTER must not make Debezium's
    // placeholders ("" for a NOT NULL text, 1970 for a NOT NULL time) pass for the row.
    String name = "d" + UUID.randomUUID().toString().substring(0, 8);
    sql("ALTER TABLE tags REPLICA IDENTITY DEFAULT");
    try {
      sql("INSERT INTO tags (id, name) VALUES (gen_random_uuid(), '" + name + "')");
      sql("DELETE FROM tags WHERE name = '" + name + "'");
      List<RecordEvent> got = events(2);
      assertEquals(2, got.size(), got.toString());
      RecordEvent delete = got.get(1);
      assertEquals(Operation.DELETE, delete.op());
      assertEquals(
          List.of("id"),
          fieldNames(delete.before()),
          "only what the database gave: " + delete.before());
    } finally {
      sql("ALTER TABLE tags REPLICA IDENTITY FULL");
    }
  }

  @Test
  void withFullIdentityADeleteCarriesTheWholeRow() throws Exception {
    String name = "f" + UUID.randomUUID().toString().substring(0, 8);
    sql("INSERT INTO tags (id, name) VALUES (gen_random_uuid(), '" + name + "')");
    sql("DELETE FROM tags WHERE name = '" + name + "'");
    List<RecordEvent> got = events(2);
    assertEquals(2, got.size(), got.toString());
    assertEquals(name, got.get(1).before().get("name").asText(), got.get(1).before().toString());
    assertTrue(got.get(1).before().has("created_at"));
  }

  @Test
  void junctionRowsAreNotContentEvents() throws Exception {
    var seeded = services.seeded();
    sql("DELETE FROM blogs_tags WHERE blogs = " + seeded.blogIds().get(1));
    sql(
        "INSERT INTO blogs_tags (blogs, tags) VALUES ("
            + seeded.blogIds().get(1)
            + ", '"
            + seeded.tagIds().get(0)
            + "')");
    assertEquals(List.of(), events(0));
  }

  private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
