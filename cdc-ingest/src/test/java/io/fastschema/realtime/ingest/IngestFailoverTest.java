package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two ingest instances on one slot: one streams, the other stands by (the replication slot admits
 * one reader) and takes over from the offsets in Kafka when the first stops; nothing committed in
 * between is lost.
 */
@ExtendWith(SharedServicesExtension.class)
class IngestFailoverTest {

  private static IngestService ingest(SharedServices s) throws Exception {
    return IngestTestRig.ingest(
        s,
        Map.of(
            "INGEST_SLOT_NAME",
            "failover_test",
            "INGEST_PUBLICATION_NAME",
            "failover_test",
            "INGEST_OFFSETS_TOPIC",
            "failover-test.offsets",
            "REALTIME_TOPIC_PREFIX",
            "ftest"));
  }

  @Test
  void standbyTakesOverWithin10SecondsAndLosesNothing(SharedServices s) throws Exception {
    IngestService active = ingest(s);
    active.start();
    IngestTestRig.awaitState(active, IngestService.State.STREAMING, Duration.ofSeconds(60));
    IngestService standby = ingest(s);
    try {
      standby.start();
      Thread.sleep(3000);
      assertNotEquals(
          IngestService.State.STREAMING,
          standby.state(),
          "the slot admits one reader: the second instance waits");
      insertTags(s, "before-", 10);
      long stoppedAt = System.nanoTime();
      active.close();
      insertTags(s, "between-", 10);
      IngestTestRig.awaitState(standby, IngestService.State.STREAMING, Duration.ofSeconds(10));
      long takeoverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      insertTags(s, "after-", 10);
      Set<String> names = readTagNames(s, 30, Duration.ofSeconds(30));
      for (String prefix : List.of("before-", "between-", "after-")) {
        for (int i = 0; i < 10; i++) {
          assertTrue(names.contains(prefix + i), "missing " + prefix + i + " of " + names);
        }
      }
      System.out.println("failover: standby streaming " + takeoverMs + " ms after the stop");
      assertTrue(takeoverMs < 10_000, "took over after " + takeoverMs + " ms");
    } finally {
      active.close();
      standby.close();
    }
  }

  private static void insertTags(SharedServices s, String prefix, int n) throws Exception {
    try (Connection c = s.appDb().connect();
        Statement st = c.createStatement()) {
      for (int i = 0; i < n; i++) {
        st.executeUpdate(
            "INSERT INTO tags (id, name) VALUES (gen_random_uuid(), 'fo-" + prefix + i + "')");
      }
    }
  }

  private static Set<String> readTagNames(SharedServices s, int atLeast, Duration limit)
      throws Exception {
    RecordEventCodec codec = new RecordEventCodec();
    Set<String> names = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      TopicPartition tp = new TopicPartition("ftest.tag", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + limit.toNanos();
      while (names.size() < atLeast && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          String name = codec.decode(r.value()).after().path("name").asText();
          if (name.startsWith("fo-")) {
            names.add(name.substring(3));
          }
        }
      }
    }
    return names;
  }
}
