package io.fastschema.realtime.fanout.stream;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-control topic as the live stream reads it: state, not news, so always read whole from
 * its beginning; the node is not ready until it was read up to the end it had when assigned
 * (deciding access before would refuse everyone).
 *
 * <p>Not thread-safe: the consumer thread only.
 */
final class AccessControlTopic {

  private static final Logger LOG = LoggerFactory.getLogger(AccessControlTopic.class);

  private final String topic;
  private final AccessControlSink sink;
  private final StreamReadiness readiness;

  /** End offsets of the topic's partitions when first assigned: loaded once read up to them. */
  private final Map<TopicPartition, Long> catchUp = new HashMap<>();

  /** Records were applied since the last flush. */
  private boolean changed;

  AccessControlTopic(String topic, AccessControlSink sink, StreamReadiness readiness) {
    this.topic = topic;
    this.sink = sink;
    this.readiness = readiness;
  }

  String topic() {
    return topic;
  }

  boolean owns(TopicPartition tp) {
    return tp.topic().equals(topic);
  }

  /** A record the live stream has no sequencer for: must be this topic's. */
  void accept(ConsumerRecord<byte[], byte[]> r) {
    if (!r.topic().equals(topic)) {
      throw new IllegalStateException("record of " + r.topic() + " without a sequencer");
    }
    sink.apply(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8), r.value());
    changed = true;
  }

  /** Seeks newly assigned partitions of this topic to their beginning, to read them whole. */
  void readWhole(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    consumer.seekToBeginning(partitions);
    if (!partitions.isEmpty()) {
      catchUp.putAll(consumer.endOffsets(partitions));
    }
  }

  /** An assignment was undone: these partitions will be found (and read) again. */
  void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(catchUp::remove);
  }

  boolean loading() {
    return !catchUp.isEmpty();
  }

  /** After each poll: publishes what changed, and turns ready once the topic was read whole. */
  void endOfPoll(KafkaConsumer<byte[], byte[]> consumer) {
    if (changed) {
      changed = false;
      sink.flush();
    }
    if (catchUp.isEmpty()) {
      return;
    }
    catchUp.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    if (catchUp.isEmpty()) {
      sink.flush();
      LOG.info("Access control loaded from {}", topic);
      readiness.ready();
    }
  }
}
