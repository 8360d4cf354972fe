package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.fanout.hub.ClientSession;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The live stream of every schema topic this node reads: one {@link TopicSequencer} and one
 * {@link RecentDeliveries} per topic, and the hand-over of resuming sessions onto it.
 *
 * <p>Not thread-safe: the Kafka consumer thread only ({@link KafkaEventSource} runs hand-overs
 * there, between deliveries, which is what makes them exact).
 */
public final class LiveTopics {

  /** How long an incomplete group may hold its partitions back before it goes out as it is. */
  public static final Duration GROUP_MAX_WAIT = Duration.ofSeconds(10);

  private final Consumer<Delivery> sink;
  private final int recentEvents;
  private final Map<String, TopicSequencer> sequencers = new HashMap<>();
  private final Map<String, RecentDeliveries> recent = new HashMap<>();

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
      sequencers.put(topic, new TopicSequencer(start, partitions, d -> {
        ring.add(d);
        sink.accept(d);
      }, GROUP_MAX_WAIT));
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

  /**
   * Where the live stream of a topic stands; a topic not read yet will be read from its beginning
   * when it is found.
   */
  StreamPosition position(String topic) {
    TopicSequencer sequencer = sequencers.get(topic);
    return sequencer != null ? sequencer.position() : StreamPosition.beginning(topic);
  }

  /**
   * Hands a session over to the live stream. At or ahead of the live position: it is registered
   * and skips what it already had. A little behind: it is caught up from the recent deliveries,
   * then registered. Further behind, or a client's cursor ahead of this node: false, a replay
   * must read (and check) first.
   *
   * @param replayed everything below was delivered to the session already
   * @param trusted whether {@code replayed} is a position of ours rather than a client's cursor
   * @param catchUpLimit most deliveries caught up at once (the replay's backpressure is needed
   *     beyond)
   */
  boolean join(ClientSession session, String topic, StreamPosition replayed, boolean trusted,
      Consumer<ClientSession> register, BiConsumer<ClientSession, Delivery> catchUp,
      int catchUpLimit) {
    StreamPosition live = position(topic);
    if (!trusted && !live.covers(replayed)) {
      // A client's cursor ahead of this node could be from another cluster or made up: only a
      // replay can check it against the log, so only positions this node has passed are used.
      return false;
    }
    if (replayed.covers(live)) {
      session.startAt(replayed, live.covers(replayed) ? null : replayed);
      register.accept(session);
      return true;
    }
    RecentDeliveries ring = recent.get(topic);
    List<Delivery> missed = ring == null ? null : ring.after(replayed, catchUpLimit);
    if (missed == null) {
      return false;
    }
    session.startAt(replayed, null);
    for (Delivery d : missed) {
      catchUp.accept(session, d);
    }
    register.accept(session);
    return true;
  }
}
