package io.fastschema.realtime.fanout.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the schema topics ({@code <prefix>.<schema>}) and the access-control topic in Kafka and
 * assigns their partitions to the live stream's consumer: topics that exist when the node starts
 * are read from their end (clients get what happens after they connect); topics that appear later
 * from their beginning, since all they hold is new.
 *
 * <p>Not thread-safe: the consumer thread only.
 */
final class TopicDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(TopicDiscovery.class);

  private final KafkaConsumer<byte[], byte[]> consumer;

  /** With its trailing dot. */
  private final String topicPrefix;

  private final LiveTopics live;
  private final AccessControlTopic accessControl;
  private final StreamReadiness readiness;

  /** Topics being read. */
  private final Set<String> knownTopics = new HashSet<>();

  TopicDiscovery(
      KafkaConsumer<byte[], byte[]> consumer,
      String topicPrefix,
      LiveTopics live,
      AccessControlTopic accessControl,
      StreamReadiness readiness) {
    this.consumer = consumer;
    this.topicPrefix = topicPrefix;
    this.live = live;
    this.accessControl = accessControl;
    this.readiness = readiness;
  }

  boolean anyTopic() {
    return !knownTopics.isEmpty();
  }

  /**
   * Assigns every partition not assigned yet. When Kafka fails a request half-way, the assignment
   * is put back as it was, so that the next refresh sees the same partitions as new again.
   *
   * @param atStart whether the node is starting: new topics are then read from their end
   */
  void refresh(boolean atStart) {
    Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
    List<TopicPartition> fresh = new ArrayList<>();
    Set<String> newTopics = new HashSet<>();
    for (var entry : topics.entrySet()) {
      String topic = entry.getKey();
      if (!topic.startsWith(topicPrefix)) {
        continue;
      }
      for (PartitionInfo p : entry.getValue()) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        if (!consumer.assignment().contains(tp)) {
          fresh.add(tp);
          newTopics.add(topic);
        }
      }
    }
    if (fresh.isEmpty()) {
      if (knownTopics.isEmpty()) {
        readiness.notReady("no topic " + topicPrefix + "* in Kafka yet");
      }
      return;
    }
    List<TopicPartition> before = new ArrayList<>(consumer.assignment());
    List<TopicPartition> all = new ArrayList<>(before);
    all.addAll(fresh);
    consumer.assign(all);
    Map<String, Map<Integer, Long>> starts;
    try {
      starts = position(fresh, atStart);
    } catch (RetriableException e) {
      consumer.assign(before);
      accessControl.forget(fresh);
      throw e;
    }
    starts.forEach(live::start);
    knownTopics.addAll(newTopics);
    LOG.info(
        "Reading {} new partitions of {} from their {}",
        fresh.size(),
        newTopics,
        atStart ? "end" : "beginning");
    if (!knownTopics.contains(accessControl.topic())) {
      readiness.notReady(
          "no access-control topic " + accessControl.topic() + " yet (is ingest running?)");
    } else if (accessControl.loading()) {
      readiness.notReady("loading access control from " + accessControl.topic());
    } else {
      readiness.ready();
    }
  }

  /**
   * Seeks newly assigned partitions and resolves the seeks, so "ready" means positioned.
   *
   * @return the positions of the schema topics' partitions, by topic and partition
   */
  private Map<String, Map<Integer, Long>> position(List<TopicPartition> fresh, boolean atStart) {
    List<TopicPartition> accessParts = fresh.stream().filter(accessControl::owns).toList();
    List<TopicPartition> contentParts =
        fresh.stream().filter(tp -> !accessControl.owns(tp)).toList();
    if (atStart) {
      consumer.seekToEnd(contentParts);
    } else {
      consumer.seekToBeginning(contentParts);
    }
    accessControl.readWhole(consumer, accessParts);
    Map<String, Map<Integer, Long>> starts = new HashMap<>();
    for (TopicPartition tp : fresh) {
      long position = consumer.position(tp); // resolves the seek now: "ready" means positioned
      if (!accessControl.owns(tp)) {
        starts.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), position);
      }
    }
    return starts;
  }
}
