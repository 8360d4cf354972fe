package io.fastschema.realtime.fanout.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live stream of every schema topic this node reads: one {@link TopicSequencer} and one {@link
 * RecentDeliveries} per topic, which sessions joining the live stream are caught up from.
 *
 * <p>Not thread-safe: the Kafka consumer thread only ({@link KafkaEventSource} runs hand-overs
 * there, between deliveries, which is what makes them exact).
 */
final class LiveTopics implements LiveStream {

  /** How long an incomplete group may hold its partitions back before it goes out as it is. */
  static final Duration GROUP_MAX_WAIT = Duration.ofSeconds(10);

  private final Consumer<Delivery> sink;
  private final int recentEvents;
  private final Map<String, TopicSequencer> sequencers = new HashMap<>();
  private final Map<String, RecentDeliveries> recent = new HashMap<>();

  /**
   * Each topic's position after the last poll, for threads other than the consumer's: a handshake
   * with {@code since=now} reads it without waiting for the consumer thread.
   */
  private final Map<String, StreamPosition> published =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param sink where deliveries go (the subscription registry)
   * @param recentEvents record events kept per topic for sessions joining a little behind
   */
  LiveTopics(Consumer<Delivery> sink, int recentEvents) {
    this.sink = sink;
    this.recentEvents = recentEvents;
  }

  /** Creates a topic's sequencer, or widens it for new partitions, at the positions read from. */
  void start(String topic, Map<Integer, Long> positions) {
    int partitions = 0;
    for (int p : positions.keySet()) {
      partitions = Math.max(partitions, p + 1);
    }
    TopicSequencer existing = sequencers.get(topic);
    long[] offsets = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      Long at = positions.get(p);
      offsets[p] = at != null ? at : existing != null ? existing.position().offset(p) : 0L;
    }
    StreamPosition start = new StreamPosition(topic, offsets, new String[partitions]);
    if (existing == null) {
      RecentDeliveries ring = new RecentDeliveries(start, recentEvents);
      recent.put(topic, ring);
      sequencers.put(
          topic,
          new TopicSequencer(
              start,
              partitions,
              d -> {
                ring.add(d);
                sink.accept(d);
              },
              GROUP_MAX_WAIT));
    } else {
      existing.ensurePartitions(partitions, start);
    }
  }

  /** The sequencer of a topic being read, or null. */
  TopicSequencer sequencer(String topic) {
    return sequencers.get(topic);
  }

  void expire(long nowNanos) {
    for (TopicSequencer sequencer : sequencers.values()) {
      sequencer.expire(nowNanos);
    }
  }

  /** Publishes every topic's position; on the consumer thread, after a poll was dispatched. */
  void publishPositions() {
    for (Map.Entry<String, TopicSequencer> e : sequencers.entrySet()) {
      published.put(e.getKey(), e.getValue().position());
    }
  }

  /**
   * A topic's position after the last poll (any thread); the beginning for a topic not read yet.
   */
  StreamPosition lastPublished(String topic) {
    StreamPosition p = published.get(topic);
    return p != null ? p : StreamPosition.beginning(topic);
  }

  @Override
  public StreamPosition position(String topic) {
    TopicSequencer sequencer = sequencers.get(topic);
    return sequencer != null ? sequencer.position() : StreamPosition.beginning(topic);
  }

  @Override
  public int partitions(String topic) {
    TopicSequencer sequencer = sequencers.get(topic);
    return sequencer != null ? sequencer.position().partitions() : -1;
  }

  @Override
  public List<Delivery> recentAfter(String topic, StreamPosition from, int limit) {
    RecentDeliveries ring = recent.get(topic);
    return ring == null ? null : ring.after(from, limit);
  }
}
