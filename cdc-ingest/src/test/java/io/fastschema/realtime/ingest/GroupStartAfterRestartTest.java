package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.RuntimeSchemas;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code txn} contract (README, "Transactions across topics") across an ingest restart inside a
 * transaction too large to hold whole ({@link ChangeBatchPublisher#MAX_HELD_CONTENT}): its events
 * go out batch by batch and source offsets are committed inside it, so the restarted ingest resumes
 * in the middle of the transaction's one group. Every event must still carry its own order (none
 * repeated), that group's start, the transaction's {@code prev_commit_lsn} (so a replayed event
 * keeps its id), and only the last one {@code last_in_group} and {@code last_in_txn}.
 */
@ExtendWith(SharedServicesExtension.class)
class GroupStartAfterRestartTest {

  private static final String PREFIX = "grp";
  private static final int ROWS = 40_000;

  /** Ingest is stopped once this many events of the transaction were seen on its topic. */
  private static final int STOP_AFTER = ChangeBatchPublisher.MAX_HELD_CONTENT + 5_000;

  private final RecordEventCodec codec = new RecordEventCodec();

  @Test
  void aRestartInsideALargeTransactionKeepsItsGroup(SharedServices s) throws Exception {
    Path appDir = RuntimeSchemas.copyOfAppDir(s);
    String table = "grp_" + UUID.randomUUID().toString().substring(0, 6);
    String schema = "g" + table.substring(4);
    RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    RuntimeSchemas.create(s, appDir, schema, table);
    Map<String, String> settings =
        Map.of(
            "INGEST_SLOT_NAME", "group_restart_test",
            "INGEST_PUBLICATION_NAME", "group_restart_test",
            "INGEST_OFFSETS_TOPIC", "group-restart-test.offsets",
            "INGEST_OFFSET_FLUSH_INTERVAL_MS", "100",
            "REALTIME_TOPIC_PREFIX", PREFIX);
    Map<String, RecordEvent> byId = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      try (IngestService first = IngestTestRig.ingest(s, settings, appDir)) {
        first.start();
        IngestTestRig.awaitState(first, IngestService.State.STREAMING, Duration.ofSeconds(60));
        String topic = PREFIX + "." + schema;
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        RuntimeSchemas.sql(
            s,
            "INSERT INTO "
                + table
                + " (text) SELECT 'r' || g FROM generate_series(1, "
                + ROWS
                + ") g");
        readUntil(consumer, byId, STOP_AFTER);
      }
      assertTrue(
          byId.size() < ROWS, "ingest stopped inside the transaction (" + byId.size() + " events)");
      try (IngestService second = IngestTestRig.ingest(s, settings, appDir)) {
        second.start();
        IngestTestRig.awaitState(second, IngestService.State.STREAMING, Duration.ofSeconds(60));
        readUntil(consumer, byId, ROWS);
      }
    } finally {
      RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    }
    assertEquals(
        ROWS, byId.size(), () -> "every row once (replays dropped by id); " + sameRow(byId));
    assertEquals(1, byId.values().stream().map(e -> e.txn().id()).distinct().count());
    assertEquals(
        1,
        byId.values().stream().map(e -> e.source().prevCommitLsn()).distinct().count(),
        "one source.prev_commit_lsn (Debezium loses it on a resume: ids would change)");
    long first = byId.values().stream().mapToLong(e -> e.txn().order()).min().orElseThrow();
    long last = byId.values().stream().mapToLong(e -> e.txn().order()).max().orElseThrow();
    assertEquals(
        ROWS,
        byId.values().stream().map(e -> e.txn().order()).distinct().count(),
        "no order repeated (Debezium counts a resumed transaction from 1 again)");
    assertEquals(ROWS - 1, last - first, "orders are consecutive: one group");
    Map<Long, Long> groupStarts =
        byId.values().stream()
            .collect(Collectors.groupingBy(e -> e.txn().groupStart(), Collectors.counting()));
    assertEquals(Map.of(first, (long) ROWS), groupStarts, "one group start for the whole group");
    for (RecordEvent e : byId.values()) {
      boolean isLast = e.txn().order() == last;
      assertEquals(isLast, e.txn().lastInGroup(), "last_in_group of order " + e.txn().order());
      assertEquals(isLast, e.txn().lastInTransaction(), "last_in_txn of order " + e.txn().order());
    }
  }

  /** Events of one row under different ids: what a replay must never produce. */
  private static String sameRow(Map<String, RecordEvent> byId) {
    Map<String, List<String>> idsByKey =
        byId.values().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.key().toString(),
                    TreeMap::new,
                    Collectors.mapping(
                        e -> e.id() + " order " + e.txn().order(), Collectors.toList())));
    idsByKey.values().removeIf(ids -> ids.size() < 2);
    return idsByKey.size()
        + " rows under several ids, e.g. "
        + idsByKey.entrySet().stream().limit(3).toList();
  }

  /** Reads the topic until it gave {@code count} distinct events (by id), within two minutes. */
  private void readUntil(
      KafkaConsumer<byte[], byte[]> consumer, Map<String, RecordEvent> byId, int count)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (byId.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        RecordEvent e = codec.decode(r.value());
        byId.putIfAbsent(e.id(), e);
      }
    }
    assertTrue(byId.size() >= count, "only " + byId.size() + " of " + count + " events");
  }
}
