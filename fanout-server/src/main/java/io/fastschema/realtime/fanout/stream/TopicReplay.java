package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Reads one schema topic from a resume cursor with a consumer of its own, through a {@link
 * TopicSequencer} seeded with the cursor: the same grouping, order and duplicate drop as the live
 * stream. It reads towards a target, the log's end when it started or last {@link #readOn()}, after
 * which the caller tries to hand its reader over to the live stream.
 *
 * <p>Not thread-safe: one replay thread.
 */
public final class TopicReplay implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);

  private final TopicReader reader;
  private final StreamPosition from;
  private final Consumer<Delivery> out;
  private final List<TopicPartition> partitions = new ArrayList<>();

  /** Created by {@link #start}. */
  private TopicSequencer sequencer;

  private Map<TopicPartition, Long> target;

  /**
   * @param out receives the replayed deliveries, on the replay thread
   */
  public TopicReplay(
      String bootstrap,
      StreamPosition from,
      Consumer<Delivery> out,
      RecordEventCodec codec,
      FanoutMetrics metrics) {
    this.reader = new TopicReader(bootstrap, "fastschema-realtime-fanout-replay", codec, metrics);
    this.from = from;
    this.out = out;
  }

  /** Seeks every partition to the cursor, and takes the log's end as the first target. */
  public void start() throws CursorNotServed, InterruptedException {
    try {
      startReading();
    } catch (InterruptException e) {
      throw interrupted(e);
    }
  }

  private void startReading() throws CursorNotServed {
    KafkaConsumer<byte[], byte[]> consumer = reader.consumer();
    List<PartitionInfo> infos = consumer.partitionsFor(from.topic(), Duration.ofSeconds(10));
    for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
      partitions.add(new TopicPartition(from.topic(), info.partition()));
    }
    seek(consumer);
    sequencer = new TopicSequencer(from, partitions.size(), out, LiveTopics.GROUP_MAX_WAIT);
    target = consumer.endOffsets(partitions);
  }

  private void seek(KafkaConsumer<byte[], byte[]> consumer) throws CursorNotServed {
    if (from.partitions() != partitions.size()) {
      throw CursorNotServed.wrongPartitions(from.topic(), from.partitions(), partitions.size());
    }
    if (partitions.isEmpty()) {
      return; // no topic yet: nothing was missed, the live stream reads it from its start
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      long at = from.offset(tp.partition());
      if (at < begin.get(tp)) {
        throw new CursorNotServed(
            true,
            "realtime.content: cursor expired: "
                + tp
                + " starts at "
                + begin.get(tp)
                + ", cursor at "
                + at);
      }
      if (at > end.get(tp)) {
        throw new CursorNotServed(
            false,
            "realtime.content: invalid since: cursor is ahead of "
                + tp
                + " (end "
                + end.get(tp)
                + ", cursor "
                + at
                + ")");
      }
      consumer.seek(tp, at);
    }
  }

  /** Reads one poll's records into deliveries; returns how many records it read. */
  public int readOnce() throws InterruptedException {
    try {
      int records = reader.poll(POLL, topic -> sequencer, r -> {}).records();
      sequencer.expire(System.nanoTime());
      return records;
    } catch (InterruptException e) {
      throw interrupted(e);
    }
  }

  /** Whether every partition was read up to the target. */
  public boolean reachedTarget() throws InterruptedException {
    try {
      for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
        if (reader.consumer().position(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return true;
    } catch (InterruptException e) {
      throw interrupted(e);
    }
  }

  /** The live stream was ahead at the hand-over: the log's end now is the next target. */
  public void readOn() throws InterruptedException {
    try {
      target = reader.consumer().endOffsets(partitions);
    } catch (InterruptException e) {
      throw interrupted(e);
    }
  }

  /** Kafka's unchecked interrupt as Java's checked one, so that callers handle a single kind. */
  private static InterruptedException interrupted(InterruptException e) {
    InterruptedException checked = new InterruptedException("interrupted while reading Kafka");
    checked.initCause(e);
    return checked;
  }

  /** How far the replay has delivered. */
  public StreamPosition position() {
    return sequencer.position();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (InterruptException e) {
      // Stopping (the replay pool is shut down): Kafka restored the interrupt flag, which the
      // replay thread's caller sees; the consumer released its resources before it threw.
      Thread.currentThread().interrupt();
    }
  }
}
