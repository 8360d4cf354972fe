package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer and what every reader of this node does with its records: decode each one and
 * hand it to its topic's {@link TopicSequencer}. The live stream ({@link KafkaEventSource}) and
 * every replay ({@link TopicReplay}) read through one of these, so they group, order and drop
 * duplicates alike.
 *
 * <p>Not thread-safe: one reader thread, as {@link KafkaConsumer}.
 */
final class TopicReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final RecordEventCodec codec;
  private final FanoutMetrics metrics;

  /** What one poll read: records, events the sequencers accepted, and duplicates dropped. */
  record Polled(int records, int accepted, int duplicates) {}

  TopicReader(String bootstrap, String clientId, RecordEventCodec codec, FanoutMetrics metrics) {
    this.consumer =
        new KafkaConsumer<>(
            AssignedConsumer.properties(bootstrap, clientId, "latest", Duration.ofMillis(50)));
    this.codec = codec;
    this.metrics = metrics;
  }

  /** For assignment, seeks and metadata; the records go through {@link #poll}. */
  KafkaConsumer<byte[], byte[]> consumer() {
    return consumer;
  }

  /**
   * Polls once. A record of a topic with a sequencer goes through it (deliveries leave from there,
   * on this thread); any other record goes to {@code otherTopics}.
   */
  Polled poll(
      Duration timeout,
      Function<String, TopicSequencer> sequencers,
      Consumer<ConsumerRecord<byte[], byte[]>> otherTopics) {
    return poll(timeout, sequencers, otherTopics, () -> {});
  }

  /**
   * Polls once, running {@code beforeDeliveries} when records came and before any of them is
   * sequenced (the relation state catch-up).
   */
  Polled poll(
      Duration timeout,
      Function<String, TopicSequencer> sequencers,
      Consumer<ConsumerRecord<byte[], byte[]>> otherTopics,
      Runnable beforeDeliveries) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    if (!records.isEmpty()) {
      beforeDeliveries.run();
    }
    int accepted = 0;
    int duplicates = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicSequencer sequencer = sequencers.apply(r.topic());
      if (sequencer == null) {
        otherTopics.accept(r);
        continue;
      }
      RecordEvent event = decode(r);
      if (event == null) {
        sequencer.skip(r.partition(), r.offset());
      } else if (sequencer.offer(r.partition(), r.offset(), event, System.nanoTime())
          == TopicSequencer.Outcome.DUPLICATE) {
        LOG.debug("Dropping replayed event {} on {}-{}", event.id(), r.topic(), r.partition());
        duplicates++;
      } else {
        accepted++;
      }
    }
    return new Polled(records.count(), accepted, duplicates);
  }

  /** The record's event, or null (counted and logged) when it cannot be read. */
  private RecordEvent decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      return codec.decode(r.value());
    } catch (RecordEventCodec.MalformedEventException e) {
      metrics.eventsMalformed.increment();
      LOG.warn(
          "Skipping malformed event at {}-{} offset {}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return null;
    }
  }

  void close(Duration timeout) {
    consumer.close(timeout);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
