package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.RuntimeSchemas;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A schema created while ingest runs (FastSchema's dashboard writes data/schemas/<name>.json and
 * creates the table) is captured without a restart of the process, and the engine restart this
 * takes loses nothing of the tables captured before.
 */
@ExtendWith(SharedServicesExtension.class)
class SchemaWatchTest {

  private static final String PREFIX = "watch";
  private final RecordEventCodec codec = new RecordEventCodec();

  @Test
  void aNewSchemaIsCapturedWithoutRestartAndNothingElseIsLost(SharedServices s) throws Exception {
    Path appDir = RuntimeSchemas.copyOfAppDir(s);
    String table = "notes_" + UUID.randomUUID().toString().substring(0, 6);
    String schema = "n" + table.substring(6);
    RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    try (IngestService ingest =
            IngestTestRig.ingest(
                s,
                Map.of(
                    "INGEST_SLOT_NAME", "schema_watch",
                    "INGEST_PUBLICATION_NAME", "schema_watch",
                    "INGEST_OFFSETS_TOPIC", "schema-watch.offsets",
                    "REALTIME_TOPIC_PREFIX", PREFIX,
                    "INGEST_SCHEMA_REFRESH_MS", "300"),
                appDir);
        KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      ingest.start();
      IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(60));
      TopicPartition blogs = new TopicPartition(PREFIX + ".blog", 0);
      consumer.assign(List.of(blogs));
      consumer.seekToEnd(List.of(blogs));
      consumer.position(blogs);

      String m = "w" + UUID.randomUUID().toString().substring(0, 8);
      int blogRows = 0;
      insertBlog(s, m + "-" + blogRows++);
      long created = System.nanoTime();
      RuntimeSchemas.create(s, appDir, schema, table);

      // Rows keep coming to an old table across the engine restart; and the new table is written
      // to until its first event arrives (rows before it joined the publication are not streamed).
      String noteTopic = PREFIX + "." + schema;
      TopicPartition notes = new TopicPartition(noteTopic, 0);
      boolean assigned = false;
      RecordEvent firstNote = null;
      Set<String> blogTitles = new HashSet<>();
      // At least once: a change republished after the restart carries the same id and content.
      Map<String, String> byId = new java.util.HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while ((firstNote == null || blogTitles.size() < blogRows) && System.nanoTime() < deadline) {
        if (firstNote == null) {
          insertBlog(s, m + "-" + blogRows++);
          RuntimeSchemas.sql(s, "INSERT INTO " + table + " (text) VALUES ('" + m + "')");
        }
        if (!assigned && topicExists(consumer, noteTopic)) {
          consumer.assign(List.of(blogs, notes));
          consumer.seek(notes, 0);
          assigned = true;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          RecordEvent e = codec.decode(r.value());
          String content = e.schema() + " " + e.op() + " " + e.key() + " " + e.after();
          String earlier = byId.putIfAbsent(e.id(), content);
          assertTrue(earlier == null || earlier.equals(content), e.id() + " names two changes");
          if (e.schema().equals(schema) && firstNote == null) {
            firstNote = e;
            System.out.printf(
                "SchemaWatchTest: CREATE TABLE -> first event of the new schema: %d ms%n",
                (System.nanoTime() - created) / 1_000_000);
          } else if (e.schema().equals("blog") && e.op() == Operation.CREATE) {
            blogTitles.add(e.after().get("title").asText());
          }
        }
      }
      assertTrue(firstNote != null, "no event of the new schema within 60 s");
      assertEquals(table, firstNote.table());
      assertEquals(m, firstNote.after().get("text").asText());
      for (int i = 0; i < blogRows; i++) {
        assertTrue(blogTitles.contains(m + "-" + i), "blog row " + i + " lost: " + blogTitles);
      }
    } finally {
      RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    }
    // Both engine runs' offset stores closed their admin clients with ingest (issue 15 item 9):
    // Debezium's own set-up left one running per run.
    List<String> adminThreads =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(name -> name.contains(KafkaOffsetStore.CLIENT_ID_BASE))
            .toList();
    assertEquals(List.of(), adminThreads, "Kafka client threads left after ingest closed");
  }

  private static boolean topicExists(KafkaConsumer<byte[], byte[]> c, String topic) {
    List<PartitionInfo> parts = c.listTopics(Duration.ofSeconds(5)).get(topic);
    return parts != null && !parts.isEmpty();
  }

  private static void insertBlog(SharedServices s, String title) throws Exception {
    RuntimeSchemas.sql(
        s,
        "INSERT INTO blogs (title, views, published, status) VALUES ('"
            + title
            + "', 1, false, 'draft')");
  }
}
