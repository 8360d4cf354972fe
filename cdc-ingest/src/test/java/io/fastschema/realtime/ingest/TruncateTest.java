package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.testing.RuntimeSchemas;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 item 7: a TRUNCATE of a content table is not published on its schema topic (README,
 * "TRUNCATE") but does not vanish unseen: ingest counts it ({@code ingest_truncates_total}) and
 * logs a WARN, and the changes around it flow as before. (What a TRUNCATE does to the security and
 * relation state topics is tested end to end: {@code TruncateContract} in standalone.) Runs on its
 * own table, so that the shared sample tables keep their rows.
 */
@ExtendWith(SharedServicesExtension.class)
class TruncateTest {

  private static final String PREFIX = "trunc";

  @Test
  void aTruncateIsCountedNotPublishedAndChangesAroundItFlow(SharedServices s) throws Exception {
    Path appDir = RuntimeSchemas.copyOfAppDir(s);
    String table = "trunc_" + UUID.randomUUID().toString().substring(0, 6);
    String schema = "t" + table.substring(6);
    RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    RuntimeSchemas.create(s, appDir, schema, table);
    RecordEventCodec codec = new RecordEventCodec();
    try (IngestService ingest =
            IngestTestRig.ingest(
                s,
                Map.of(
                    "INGEST_SLOT_NAME", "truncate_test",
                    "INGEST_PUBLICATION_NAME", "truncate_test",
                    "INGEST_OFFSETS_TOPIC", "truncate-test.offsets",
                    "REALTIME_TOPIC_PREFIX", PREFIX),
                appDir);
        KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      ingest.start();
      IngestTestRig.awaitState(ingest, IngestService.State.STREAMING, Duration.ofSeconds(60));
      TopicPartition topic = new TopicPartition(PREFIX + "." + schema, 0);
      consumer.assign(List.of(topic));
      consumer.seekToBeginning(List.of(topic));

      RuntimeSchemas.sql(s, "INSERT INTO " + table + " (text) VALUES ('before')");
      RuntimeSchemas.sql(s, "TRUNCATE " + table);
      RuntimeSchemas.sql(s, "INSERT INTO " + table + " (text) VALUES ('after')");

      List<RecordEvent> events = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (events.size() < 2 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          events.add(codec.decode(r.value()));
        }
      }
      // Anything published for the TRUNCATE would sit between the two, or right after them.
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
        events.add(codec.decode(r.value()));
      }
      assertEquals(
          List.of("create before", "create after"),
          events.stream()
              .map(e -> e.op().wireName() + " " + e.after().get("text").asText())
              .toList());
      assertEquals(1, ingest.stats().truncates(), "TRUNCATEs counted");
    } finally {
      RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    }
  }
}
