package io.fastschema.realtime.faultdrill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What ingest put into the schema topic for one scenario's rows: records, distinct event ids,
 * distinct rows. Records beyond the distinct ids are replays (at-least-once after a crash: same
 * event id, to be dropped by consumers); the fanout must not pass them on.
 */
record TopicAudit(int records, int distinctEventIds, int distinctRows) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Replayed copies in Kafka: records that repeat an event id already there. */
  int replays() {
    return records - distinctEventIds;
  }

  /** Reads {@code topic} from the beginning to its current end. */
  static TopicAudit of(String bootstrapServers, String topic, String titlePrefix) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    int records = 0;
    Set<String> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end " + end + " within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode event = JSON.readTree(r.value());
          // Creates and updates by their new row, deletes by the row they removed.
          JsonNode row =
              event.path("after").isObject() ? event.path("after") : event.path("before");
          String title = row.path("title").asText("");
          if (title.startsWith(titlePrefix)) {
            records++;
            ids.add(event.path("id").asText());
            titles.add(title);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("undecodable record in " + topic, e);
    }
    return new TopicAudit(records, ids.size(), titles.size());
  }
}
