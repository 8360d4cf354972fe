package io.fastschema.realtime.ingest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what a compacted topic holds now: the last value of every key, keys whose last record is a
 * tombstone left out. Ingest is the only writer of the topics it reads this way ({@code
 * <prefix>._security}, the relation state topics), so once everything it sent is acknowledged, the
 * topic read to its end offsets is exactly the state ingest published. Used for TRUNCATE (see
 * {@link TruncatedRows}); a consumer per read, as truncates are rare.
 *
 * <p>Thread-safe: holds only the bootstrap servers.
 */
final class LiveTopicRecords {

  /** A read that does not reach the end offsets in this time fails the batch (it is replayed). */
  private static final Duration READ_LIMIT = Duration.ofSeconds(60);

  private final String bootstrapServers;

  LiveTopicRecords(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The live records whose key passes {@code keys}, by key, in first-seen order. */
  Map<ByteBuffer, byte[]> read(String topic, Predicate<byte[]> keys) {
    Map<ByteBuffer, byte[]> live = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, READ_LIMIT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, READ_LIMIT));
      ends.entrySet().removeIf(e -> e.getValue() == 0);
      long deadline = System.nanoTime() + READ_LIMIT.toNanos();
      while (!ends.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + READ_LIMIT + ": " + ends);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() == null || !keys.test(r.key())) {
            continue;
          }
          ByteBuffer key = ByteBuffer.wrap(r.key());
          if (r.value() == null) {
            live.remove(key);
          } else {
            live.put(key, r.value());
          }
        }
        ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
    return live;
  }

  private Properties settings() {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "fastschema-realtime-ingest-truncate");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
