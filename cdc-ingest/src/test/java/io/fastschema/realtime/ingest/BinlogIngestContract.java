package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.security.SecurityTopic;
import io.fastschema.realtime.testing.RowNumbers;
import io.fastschema.realtime.testing.SharedServices;
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

/**
 * Ingest on a MySQL-protocol server (DB_DRIVER=mysql, FastSchema's MySQL layout): the same Kafka
 * event contract as on PostgreSQL, with FastSchema's MySQL encodings. {@link MariaDbIngestTest}
 * runs it on the embedded MariaDB, {@link ContainersMySqlIngestTest} on a MySQL container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BinlogIngestContract {

  private final RecordEventCodec codec = new RecordEventCodec();
  private SharedServices services;
  private IngestService ingest;
  private KafkaConsumer<byte[], byte[]> consumer;

  /** The topic prefix of this class's ingest: MariaDB's and MySQL's share the run's Kafka. */
  private String prefix;

  /** The subclass overrides this with its qualified parameter and calls it. */
  @BeforeAll
  void start(SharedServices s) throws Exception {
    services = s;
    String flavour;
    try (Connection c = s.appDb().connect()) {
      flavour = SampleApp.isMySqlServer(c) ? "mysql" : "mariadb";
    }
    prefix = flavour + "test";
    ingest =
        IngestTestRig.ingest(
            s,
            Map.of(
                "INGEST_SLOT_NAME", flavour + "_ingest_test",
                "INGEST_OFFSETS_TOPIC", flavour + "-ingest-test.offsets",
                "INGEST_SCHEMA_HISTORY_TOPIC", flavour + "-ingest-test.schema-history",
                "REALTIME_TOPIC_PREFIX", prefix));
    ingest.start();
    IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(90));
    consumer = IngestTestRig.consumer(s);
    List<TopicPartition> parts = new ArrayList<>();
    for (String schema : List.of("blog", "user", "tag", "category")) {
      parts.add(new TopicPartition(prefix + "." + schema, 0));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  @AfterAll
  void stop() {
    if (consumer != null) {
      consumer.close();
    }
    if (ingest != null) {
      ingest.close();
    }
  }

  @Test
  void createCarriesFastSchemasMySqlEncodingsAndNoSeededRowIsPublished() throws Exception {
    String title = "enc-" + UUID.randomUUID();
    sql(
        "INSERT INTO blogs (title, body, views, published, published_at, meta, status, "
            + "external_ref) VALUES ('"
            + title
            + "', 'b', 7, true, '2025-06-07 08:09:10', '{\"a\": [1, true]}', 'published', "
            + "'0190B6A8-5B7E-7C2D-8F3A-1234567890AB')");
    List<RecordEvent> events = until(e -> title.equals(text(e.after(), "title")), 1);
    for (RecordEvent e : events) {
      long id = e.key().get("id").asLong();
      assertFalse(services.seeded().blogIds().contains(id), "seeded row published: " + e);
    }
    RecordEvent created = events.get(events.size() - 1);
    assertEquals(Operation.CREATE, created.op());
    ObjectNode after = created.after();
    assertTrue(after.get("published").isBoolean(), after.toString());
    assertTrue(after.get("published").booleanValue());
    assertEquals("2025-06-07T08:09:10Z", text(after, "published_at"));
    assertTrue(after.get("meta").isObject(), after.toString());
    assertEquals("[1,true]", after.get("meta").get("a").toString());
    assertEquals("published", text(after, "status"));
    assertEquals("0190b6a8-5b7e-7c2d-8f3a-1234567890ab", text(after, "external_ref"));
    assertEquals(7, after.get("views").asLong());
    assertTrue(after.get("id").isIntegralNumber(), after.toString());
    assertTrue(after.has("created_at"), after.toString());
    assertFalse(after.has("updated_at"), "NULL time is an absent key: " + after);
  }

  /**
   * On MariaDB a TRUNCATE reaches Debezium as a statement in the binlog, which it turns into the
   * same truncate record as on PostgreSQL: the rows are deleted from the security and relation
   * state topics, and a row written after the TRUNCATE stays.
   */
  @Test
  void aTruncateOfRolesUsersDeletesItsRowsFromTheCompactedTopics() throws Exception {
    List<String[]> saved = new ArrayList<>();
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT roles, users FROM roles_users")) {
      while (rs.next()) {
        saved.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    assertFalse(saved.isEmpty(), "the sample app has memberships");
    String[] kept = saved.get(0);
    String user = UUID.randomUUID().toString();
    String removedKey = "roles_users/" + services.seeded().userRoleId() + "/" + user;
    LiveTopicRecords topics = new LiveTopicRecords(services.kafkaBootstrapServers());
    try {
      sql(
          "INSERT INTO users (id, username, email, active) VALUES ('"
              + user
              + "', 't"
              + user.substring(0, 8)
              + "', '"
              + user.substring(0, 8)
              + "@example.com', true)");
      sql(
          "INSERT INTO roles_users (roles, users) VALUES ('"
              + services.seeded().userRoleId()
              + "', '"
              + user
              + "')");
      long published = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!securityKeys(topics, k -> true).contains(removedKey)
          && System.nanoTime() < published) {
        Thread.sleep(200);
      }
      sql("TRUNCATE roles_users");
      sql("INSERT INTO roles_users (roles, users) VALUES ('" + kept[0] + "', '" + kept[1] + "')");
      String keptKey = "roles_users/" + kept[0] + "/" + kept[1];
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<String> live = List.of();
      while (!live.equals(List.of(keptKey)) && System.nanoTime() < deadline) {
        live = securityKeys(topics, k -> k.startsWith("roles_users/"));
        Thread.sleep(200);
      }
      assertEquals(
          List.of(keptKey),
          live,
          "only the membership written after the TRUNCATE, not " + removedKey);
      assertEquals(
          1,
          topics.read(prefix + "-state.roles_users", k -> true).size(),
          "the relation state topic too");
    } finally {
      for (String[] row : saved) {
        sql(
            "INSERT IGNORE INTO roles_users (roles, users) VALUES ('"
                + row[0]
                + "', '"
                + row[1]
                + "')");
      }
      sql("DELETE FROM roles_users WHERE users = '" + user + "'");
      sql("DELETE FROM users WHERE id = '" + user + "'");
    }
  }

  @Test
  void oneUpdateOfFiftyRowsIsOneGroupWithWholeBeforeImagesAndGrowingIds() throws Exception {
    String m = "g-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      values.append(i == 0 ? "" : ",").append("('").append(m).append("', ").append(i).append(")");
    }
    sql("INSERT INTO blogs (title, views) VALUES " + values);
    sql("UPDATE blogs SET views = views + 100 WHERE title = '" + m + "'");
    List<RecordEvent> updates =
        until(e -> e.op() == Operation.UPDATE && m.equals(text(e.after(), "title")), 50);
    updates.removeIf(e -> e.op() != Operation.UPDATE || !m.equals(text(e.after(), "title")));
    assertEquals(50, updates.size());
    String txId = updates.get(0).txn().id();
    for (int i = 0; i < 50; i++) {
      RecordEvent e = updates.get(i);
      assertEquals(txId, e.txn().id());
      assertEquals(updates.get(0).txn().groupStart(), e.txn().groupStart());
      assertEquals(i == 49, e.txn().lastInGroup(), "last in group at " + i);
      assertEquals(
          e.before().get("views").asLong() + 100, e.after().get("views").asLong(), e.toString());
      assertEquals(m, text(e.before(), "title"), "whole before-image: " + e.before());
      // <transaction start>-<rows event>-<row>: one transaction, one first part.
      assertEquals(updates.get(0).id().substring(0, 16), e.id().substring(0, 16), e.id());
      if (i > 0) {
        assertTrue(updates.get(i - 1).id().compareTo(e.id()) < 0, "ids grow: " + e.id());
      }
    }
  }

  /**
   * MariaDB splits a statement's rows into rows events of about 8 KB: here each 16 KB row gets an
   * event of its own, and 40 small rows share a few. Every row needs an id of its own (fanout drops
   * a repeated id as a replay); they once shared one per event position and all but the first
   * event's rows were dropped.
   */
  @Test
  void aStatementWhoseRowsSpanSeveralRowsEventsGivesEveryRowItsOwnGrowingId() throws Exception {
    for (int[] shape : new int[][] {{5, 16_000}, {400, 100}}) {
      String m = "ev-" + UUID.randomUUID().toString().substring(0, 8);
      sql(
          "INSERT INTO blogs (title, body) SELECT CONCAT('"
              + m
              + "-', seq), REPEAT('x', "
              + shape[1]
              + ") FROM "
              + RowNumbers.table(services.appDb().kind(), shape[0]));
      List<RecordEvent> creates =
          until(
              e -> e.op() == Operation.CREATE && text(e.after(), "title").startsWith(m), shape[0]);
      creates.removeIf(e -> e.op() != Operation.CREATE || !text(e.after(), "title").startsWith(m));
      assertEquals(shape[0], creates.size());
      for (int i = 1; i < creates.size(); i++) {
        assertTrue(
            creates.get(i - 1).id().compareTo(creates.get(i).id()) < 0,
            "ids grow, none repeats: " + creates.get(i - 1).id() + " then " + creates.get(i).id());
        assertEquals(
            creates.get(0).id().substring(0, 16), creates.get(i).id().substring(0, 16), "one txn");
      }
    }
  }

  /**
   * A primary-key change is one binlog row that Debezium turns into a delete of the old key and a
   * create of the new one: both halves need ids of their own, or fanout drops the second as a
   * replay.
   */
  @Test
  void aPrimaryKeyChangeIsADeleteAndACreateWithIdsOfTheirOwn() throws Exception {
    String title = "rekey-" + UUID.randomUUID().toString().substring(0, 8);
    sql("INSERT INTO blogs (title) VALUES ('" + title + "')");
    sql("UPDATE blogs SET id = id + 1000000000 WHERE title = '" + title + "'");
    List<RecordEvent> events =
        until(
            e ->
                e.op() == Operation.CREATE
                    && e.after() != null
                    && title.equals(text(e.after(), "title"))
                    && e.after().get("id").asLong() > 1_000_000_000L,
            1);
    List<RecordEvent> rekey = new ArrayList<>();
    for (RecordEvent e : events) {
      ObjectNode row = e.after() != null ? e.after() : e.before();
      if (title.equals(text(row, "title")) && e.op() != Operation.CREATE
          || e.after() != null
              && title.equals(text(e.after(), "title"))
              && e.after().get("id").asLong() > 1_000_000_000L) {
        rekey.add(e);
      }
    }
    assertEquals(
        List.of(Operation.DELETE, Operation.CREATE),
        rekey.stream().map(RecordEvent::op).toList(),
        rekey.toString());
    assertTrue(rekey.get(0).id().compareTo(rekey.get(1).id()) < 0, "ids differ and grow: " + rekey);
  }

  @Test
  void deleteCarriesTheWholeRowAndIdsGrowAcrossTransactions() throws Exception {
    String title = "del-" + UUID.randomUUID();
    sql("INSERT INTO blogs (title, views, status) VALUES ('" + title + "', 3, 'archived')");
    sql("UPDATE blogs SET views = 4 WHERE title = '" + title + "'");
    sql("DELETE FROM blogs WHERE title = '" + title + "'");
    List<RecordEvent> events =
        until(e -> e.op() == Operation.DELETE && title.equals(text(e.before(), "title")), 1);
    List<RecordEvent> mine = new ArrayList<>();
    for (RecordEvent e : events) {
      ObjectNode row = e.after() != null ? e.after() : e.before();
      if (title.equals(text(row, "title"))) {
        mine.add(e);
      }
    }
    assertEquals(
        List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE),
        mine.stream().map(RecordEvent::op).toList());
    RecordEvent delete = mine.get(2);
    assertNull(delete.after());
    assertEquals("archived", text(delete.before(), "status"));
    assertEquals(4, delete.before().get("views").asLong());
    assertTrue(mine.get(0).id().compareTo(mine.get(1).id()) < 0, mine.toString());
    assertTrue(mine.get(1).id().compareTo(mine.get(2).id()) < 0, mine.toString());
    assertTrue(
        mine.get(0).id().substring(0, 16).compareTo(mine.get(2).id().substring(0, 16)) < 0,
        "each transaction its own, growing first part: " + mine);
    assertTrue(delete.id().matches("[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-f]{8}"), delete.id());
  }

  /**
   * InnoDB does not write rows changed by a foreign-key cascade to the binlog: deleting a category
   * sets the blog's category_id to NULL without any event for the blog (documented in the README).
   */
  @Test
  void aCascadedSetNullReachesNoSubscriber() throws Exception {
    String slug = "c-" + UUID.randomUUID();
    String title = "fk-" + UUID.randomUUID();
    sql("INSERT INTO categories (id, name, slug) VALUES (UUID(), 'n', '" + slug + "')");
    sql(
        "INSERT INTO blogs (title, category_id) SELECT '"
            + title
            + "', id FROM categories WHERE slug = '"
            + slug
            + "'");
    sql("DELETE FROM categories WHERE slug = '" + slug + "'");
    String marker = "after-" + title;
    sql("INSERT INTO blogs (title) VALUES ('" + marker + "')");
    List<RecordEvent> events = until(e -> marker.equals(text(e.after(), "title")), 1);
    assertTrue(
        events.stream()
            .anyMatch(e -> e.op() == Operation.DELETE && slug.equals(text(e.before(), "slug"))),
        "the category's own delete is published");
    assertFalse(
        events.stream()
            .anyMatch(e -> e.op() == Operation.UPDATE && title.equals(text(e.after(), "title"))),
        "no event for the cascaded SET NULL");
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT category_id FROM blogs WHERE title = '" + title + "'")) {
      assertTrue(rs.next());
      assertNull(rs.getString(1), "the cascade did run in the database");
    }
  }

  /**
   * A blog saved with three tags writes its three junction rows with one statement, one rows event:
   * each row's relation state record still has an id of its own (the row's index in the event), as
   * the state topic's contract says (the event id, as on schema topics).
   */
  @Test
  void junctionRowsOfOneRowsEventHaveStateIdsOfTheirOwn() throws Exception {
    String title = "tags-" + UUID.randomUUID();
    sql("INSERT INTO blogs (title) VALUES ('" + title + "')");
    long blog;
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT id FROM blogs WHERE title = '" + title + "'")) {
      assertTrue(rs.next());
      blog = rs.getLong(1);
    }
    StringBuilder values = new StringBuilder();
    for (String tag : services.seeded().tagIds()) {
      values.append(values.length() == 0 ? "" : ", ").append("(" + blog + ", '" + tag + "')");
    }
    sql("INSERT INTO blogs_tags (blogs, tags) VALUES " + values);
    LiveTopicRecords topics = new LiveTopicRecords(services.kafkaBootstrapServers());
    String blogKey = "\"blogs\":" + blog + ",";
    var codec = new io.fastschema.realtime.event.StateRecordCodec();
    List<String> ids = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ids.size() < 3 && System.nanoTime() < deadline) {
      List<String> found = new ArrayList<>();
      for (byte[] state :
          topics
              .read(
                  prefix + "-state.blogs_tags",
                  k -> new String(k, java.nio.charset.StandardCharsets.UTF_8).contains(blogKey))
              .values()) {
        found.add(codec.decode(state).id());
      }
      ids = found;
      Thread.sleep(200);
    }
    assertEquals(3, ids.size(), "the three links: " + ids);
    assertEquals(3, new java.util.HashSet<>(ids).size(), "three distinct ids: " + ids);
    assertEquals(1, ids.stream().map(id -> id.substring(0, 33)).distinct().count(), "one event");
  }

  /**
   * The binlog drops a binary value's trailing zero bytes: about one uuid in 256 ends in {@code
   * 00}. Each must still arrive as written, on the schema topic (ids, a uuid reference, one that is
   * NULL) and in the access-control topic (a role whose member and permission name it), where a
   * shifted id once made a member's role another role (MariaDbUuidConverter).
   */
  @Test
  void uuidsEndingInZeroBytesArriveAsWritten() throws Exception {
    String tail = UUID.randomUUID().toString().substring(0, 6);
    String user = "7ab3c2d1-0e0f-4a5b-9c8d-" + tail + "ab0000";
    String zeroEnds = "00000000-0e0f-4a5b-9c8d-" + tail + "000000";
    String role = "76720aef-46a7-4274-8f44-" + tail + "cd0000";
    sql(
        "INSERT INTO users (id, username, email, active) VALUES ('"
            + user
            + "', 'z-"
            + tail
            + "', 'z-"
            + tail
            + "@example.com', true), ('"
            + zeroEnds
            + "', 'zz-"
            + tail
            + "', 'zz-"
            + tail
            + "@example.com', true)");
    sql(
        "INSERT INTO roles (id, name, description, root) VALUES ('"
            + role
            + "', 'z-"
            + tail
            + "', '', false)");
    sql("INSERT INTO roles_users (roles, users) VALUES ('" + role + "', '" + user + "')");
    java.util.function.Predicate<RecordEvent> mine =
        e -> "user".equals(e.schema()) && text(e.after(), "username").endsWith(tail);
    List<String> ids = new ArrayList<>();
    for (RecordEvent e : until(mine, 2)) {
      if (mine.test(e)) {
        ids.add(text(e.after(), "id"));
        assertEquals(text(e.after(), "id"), e.key().get("id").asText(), "key: " + e);
      }
    }
    assertEquals(List.of(user, zeroEnds), ids);

    LiveTopicRecords topics = new LiveTopicRecords(services.kafkaBootstrapServers());
    String membership = "roles_users/" + role + "/" + user;
    List<String> found = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!found.contains(membership) && System.nanoTime() < deadline) {
      found = securityKeys(topics, k -> k.contains(tail));
      Thread.sleep(200);
    }
    assertTrue(
        found.contains(membership) && found.contains("roles/" + role),
        "security records keyed by the ids as written: " + found);
  }

  @Test
  void usersPasswordIsNeverPublished() throws Exception {
    String bio = "bio-" + UUID.randomUUID();
    sql(
        "UPDATE users SET bio = '"
            + bio
            + "', password = 'new-hash' WHERE id = '"
            + services.seeded().adminUserId()
            + "'");
    List<RecordEvent> events = until(e -> bio.equals(text(e.after(), "bio")), 1);
    RecordEvent update = events.get(events.size() - 1);
    assertEquals("user", update.schema());
    assertFalse(update.after().has("password"), update.after().toString());
    assertFalse(update.before().has("password"), update.before().toString());
    assertTrue(update.after().get("active").isBoolean(), update.after().toString());
    assertEquals(services.seeded().adminUserId(), text(update.after(), "id"));
  }

  /** The keys of this ingest's access-control topic that are live (not deleted), as text. */
  private List<String> securityKeys(
      LiveTopicRecords topics, java.util.function.Predicate<String> wanted) {
    return topics
        .read(
            prefix + SecurityTopic.SUFFIX,
            k -> wanted.test(new String(k, java.nio.charset.StandardCharsets.UTF_8)))
        .keySet()
        .stream()
        .map(k -> new String(k.array(), java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  private static String text(ObjectNode row, String field) {
    return row == null || !row.hasNonNull(field) ? null : row.get(field).asText();
  }

  /** Every event read until {@code count} events matched {@code wanted} (fails after 30 s). */
  private List<RecordEvent> until(java.util.function.Predicate<RecordEvent> wanted, int count)
      throws Exception {
    List<RecordEvent> out = new ArrayList<>();
    int matched = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (matched < count) {
      assertTrue(System.nanoTime() < deadline, "only " + matched + " of " + count + ": " + out);
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        RecordEvent e = codec.decode(r.value());
        out.add(e);
        if (wanted.test(e)) {
          matched++;
        }
      }
    }
    return out;
  }
}
