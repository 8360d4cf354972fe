package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.MariaDb;
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
 * Two ingest instances: one streams, the other stands by (PostgreSQL: the replication slot admits
 * one reader and the advisory lock one leader; MySQL/MariaDB: the named lock, GET_LOCK) and takes
 * over from the offsets in Kafka when the first stops; nothing committed in between is lost.
 */
@ExtendWith(SharedServicesExtension.class)
class IngestFailoverTest {

  private static IngestService ingest(SharedServices s, String prefix) throws Exception {
    return IngestTestRig.ingest(
        s,
        Map.of(
            "INGEST_SLOT_NAME",
            prefix + "_failover_test",
            "INGEST_PUBLICATION_NAME",
            prefix + "_failover_test",
            "INGEST_OFFSETS_TOPIC",
            prefix + "-failover-test.offsets",
            "INGEST_SCHEMA_HISTORY_TOPIC",
            prefix + "-failover-test.schema-history",
            "REALTIME_TOPIC_PREFIX",
            prefix));
  }

  @Test
  void standbyTakesOverWithin10SecondsAndLosesNothing(SharedServices s) throws Exception {
    failover(s, "ftest", "gen_random_uuid()");
  }

  @Test
  void onMariaDbTheStandbyTakesOverFromTheNamedLockAndLosesNothing(@MariaDb SharedServices s)
      throws Exception {
    failover(s, "mftest", "UUID()");
  }

  private static void failover(SharedServices s, String prefix, String newUuid) throws Exception {
    IngestService active = ingest(s, prefix);
    active.start();
    IngestTestRig.awaitState(active, IngestService.State.STREAMING, Duration.ofSeconds(90));
    IngestService standby = ingest(s, prefix);
    try {
      standby.start();
      Thread.sleep(3000);
      assertNotEquals(
          IngestService.State.STREAMING,
          standby.state(),
          "the slot admits one reader: the second instance waits");
      insertTags(s, newUuid, "before-", 10);
      long stoppedAt = System.nanoTime();
      active.close();
      insertTags(s, newUuid, "between-", 10);
      IngestTestRig.awaitState(standby, IngestService.State.STREAMING, Duration.ofSeconds(10));
      long takeoverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      insertTags(s, newUuid, "after-", 10);
      Set<String> names = readTagNames(s, prefix, 30, Duration.ofSeconds(30));
      for (String phase : List.of("before-", "between-", "after-")) {
        for (int i = 0; i < 10; i++) {
          assertTrue(names.contains(phase + i), "missing " + phase + i + " of " + names);
        }
      }
      System.out.println(
          "failover (" + prefix + "): standby streaming " + takeoverMs + " ms after the stop");
      assertTrue(takeoverMs < 10_000, "took over after " + takeoverMs + " ms");
    } finally {
      active.close();
      standby.close();
    }
  }

  private static void insertTags(SharedServices s, String newUuid, String prefix, int n)
      throws Exception {
    try (Connection c = s.appDb().connect();
        Statement st = c.createStatement()) {
      for (int i = 0; i < n; i++) {
        st.executeUpdate(
            "INSERT INTO tags (id, name) VALUES (" + newUuid + ", 'fo-" + prefix + i + "')");
      }
    }
  }

  private static Set<String> readTagNames(
      SharedServices s, String topicPrefix, int atLeast, Duration limit) throws Exception {
    RecordEventCodec codec = new RecordEventCodec();
    Set<String> names = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      TopicPartition tp = new TopicPartition(topicPrefix + ".tag", 0);
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
