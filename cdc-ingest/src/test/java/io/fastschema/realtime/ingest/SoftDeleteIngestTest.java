package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** FastSchema's soft deletes (DB_USE_SOFT_DELETES=true) as events, on real PostgreSQL and Kafka. */
@ExtendWith(SharedServicesExtension.class)
class SoftDeleteIngestTest {

  @Test
  void deletedAtTransitionsAreDeletesAndCreatesAndHiddenUpdatesAreSilent(SharedServices s)
      throws Exception {
    var db = s.appDb();
    try (IngestService ingest =
        IngestTestRig.ingest(
            s,
            Map.of(
                "INGEST_SLOT_NAME",
                "soft_test",
                "INGEST_PUBLICATION_NAME",
                "soft_test",
                "INGEST_OFFSETS_TOPIC",
                "soft-test.offsets",
                "REALTIME_TOPIC_PREFIX",
                "stest",
                "DB_USE_SOFT_DELETES",
                "true",
                "INGEST_SET_REPLICA_IDENTITY_FULL",
                "true"))) {
      ingest.start();
      IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(60));
      String m = "soft-" + System.nanoTime();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "INSERT INTO blogs (title, views, published, status) VALUES ('"
                + m
                + "', 1, false, 'draft')");
        st.executeUpdate("UPDATE blogs SET deleted_at = now() WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET views = 2 WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET deleted_at = NULL WHERE title = '" + m + "'");
        st.executeUpdate("UPDATE blogs SET views = 3 WHERE title = '" + m + "'");
      }
      List<RecordEvent> got = read(s, m, 4);
      assertEquals(
          List.of(Operation.CREATE, Operation.DELETE, Operation.CREATE, Operation.UPDATE),
          got.stream().map(RecordEvent::op).toList(),
          "the hidden update sends nothing");
      RecordEvent delete = got.get(1);
      assertNull(delete.after());
      assertTrue(!delete.before().has("deleted_at"), "the delete carries the row before it");
      assertEquals(
          2,
          got.get(2).after().get("views").asInt(),
          "the restore carries the row as restored (views 2 from the hidden update)");
    }
  }

  private static List<RecordEvent> read(SharedServices s, String marker, int expected)
      throws Exception {
    RecordEventCodec codec = new RecordEventCodec();
    List<RecordEvent> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
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
