package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.stream.KafkaEventSource;
import io.fastschema.realtime.fanout.stream.LiveTopics;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import io.fastschema.realtime.fanout.stream.TopicSequencer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings resuming sessions ({@code since=}) up to the live stream. {@code since=now} joins at once.
 * {@code since=<cursor>} first reads the session's schema topic from the cursor with a consumer of
 * its own, through a {@link TopicSequencer} seeded with the cursor (same grouping, order and
 * duplicate drop as the live stream), applying the session's filter and select; once it has read
 * up to where the live stream stands it hands over ({@link KafkaEventSource#join}), so the client
 * gets no gap and no message twice.
 *
 * <p>A replay never overflows its client: it waits while the session's queue is half full. At most
 * {@code maxConcurrent} replays read at once (each holds a consumer and a thread); others wait,
 * connected.
 *
 * <p>Thread-safe.
 */
public final class SessionReplays implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionReplays.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrap;
  private final KafkaEventSource live;
  private final SubscriptionRegistry registry;
  private final RecordEventCodec codec;
  private final FanoutMetrics metrics;
  private final ExecutorService pool;
  /** Most deliveries a join catches a session up with at once: half its queue. */
  private final int catchUpLimit;
  private final Set<ClientSession> replaying = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public SessionReplays(String bootstrap, int maxConcurrent, int maxQueueMessages,
      KafkaEventSource live, SubscriptionRegistry registry, RecordEventCodec codec,
      FanoutMetrics metrics) {
    this.catchUpLimit = Math.max(1, maxQueueMessages / 2);
    this.bootstrap = bootstrap;
    this.live = live;
    this.registry = registry;
    this.codec = codec;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(maxConcurrent,
        r -> new Thread(r, "fanout-replay-" + n.incrementAndGet()));
  }

  /**
   * This node's live position in a subscription's topic ({@code since=now}); waits for the
   * consumer thread (one poll at most).
   */
  public StreamPosition livePosition(Subscription s) throws HandshakeRejection {
    try {
      return live.position(live.topicOf(s.schema().name())).get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandshakeRejection(CloseReason.GOING_AWAY, "realtime.content: interrupted");
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("No live position for {}: {}", live.topicOf(s.schema().name()), e.toString());
      throw new HandshakeRejection(CloseReason.GOING_AWAY,
          "realtime.content: node not streaming, reconnect");
    }
  }

  /** Starts a resuming session: it joins the live stream now or after its replay. */
  public void start(ClientSession session) {
    ResumeRequest resume = session.subscription().resume();
    StreamPosition from = resume.from();
    // A recent position (since=now, or a reconnect after seconds) is caught up from the live
    // stream's recent deliveries; an older one is read from Kafka by a replay.
    join(session, from, resume.now()).whenComplete((joined, failure) -> {
      if (failure != null) {
        failed(session, failure);
      } else if (!joined) {
        startReplay(session, from);
      }
    });
  }

  private void startReplay(ClientSession session, StreamPosition from) {
    metrics.replaysStarted.increment();
    replaying.add(session);
    pool.execute(() -> {
      try {
        replay(session, from);
      } catch (InterruptedException | InterruptException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | ExecutionException | TimeoutException e) {
        failed(session, e);
      } finally {
        replaying.remove(session);
      }
    });
  }

  /**
   * @param trusted whether {@code replayed} is a position of ours (a replay's, or the live
   *     stream's at the handshake) rather than a client's cursor
   */
  private java.util.concurrent.CompletableFuture<Boolean> join(ClientSession session,
      StreamPosition replayed, boolean trusted) {
    return live.join(session, replayed, trusted, s -> {
      if (!s.isOpen()) {
        return;
      }
      registry.add(s);
      // Closed between the check and the add: its end already ran and removed nothing.
      if (!s.isOpen()) {
        registry.sessionEnded(s);
      }
    }, registry::dispatchTo, catchUpLimit);
  }

  private void failed(ClientSession session, Throwable e) {
    if (!session.isOpen() || closed) {
      return;
    }
    LOG.warn("Resume of session {} ({}) failed; closing it so that it reconnects", session.id(),
        session, e);
    session.close(CloseReason.GOING_AWAY, "realtime.content: resume failed, reconnect");
  }

  private void replay(ClientSession session, StreamPosition from)
      throws InterruptedException, ExecutionException, TimeoutException {
    String topic = from.topic();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        KafkaEventSource.consumerProperties(bootstrap, "fastschema-realtime-fanout-replay"))) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      if (!positioned(session, consumer, partitions, from)) {
        return;
      }
      session.startAt(from, null);
      TopicSequencer sequencer = new TopicSequencer(from, partitions.size(), d -> {
        registry.dispatchTo(session, d);
      }, LiveTopics.GROUP_MAX_WAIT);
      Map<TopicPartition, Long> target = consumer.endOffsets(partitions);
      long sent = 0;
      while (session.isOpen() && !closed) {
        while (session.isHalfFull() && session.isOpen() && !closed) {
          Thread.sleep(5); // the client reads slower than Kafka: let it, never overflow it
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          RecordEvent event = KafkaEventSource.decode(codec, r, metrics);
          if (event == null) {
            sequencer.skip(r.partition(), r.offset());
          } else {
            sequencer.offer(r.partition(), r.offset(), event, System.nanoTime());
          }
        }
        sequencer.expire(System.nanoTime());
        sent += records.count();
        if (reached(consumer, target)) {
          StreamPosition at = sequencer.position();
          if (join(session, at, true).get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.debug("Session {} resumed on {}: replayed {} records, joined live at {}",
                session.id(), topic, sent, at);
            return;
          }
          target = consumer.endOffsets(partitions); // the live stream is ahead: read on
        }
      }
    }
  }

  /**
   * Seeks to the cursor, or closes the session when the cursor cannot be served: older than
   * what Kafka keeps (4410), or not of this topic's log (4400).
   */
  private boolean positioned(ClientSession session, KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions, StreamPosition from) {
    if (from.partitions() > partitions.size()) {
      return refuse(session, CloseReason.BAD_REQUEST, "realtime.content: invalid since: cursor "
          + "names " + from.partitions() + " partitions, " + from.topic() + " has "
          + partitions.size());
    }
    if (partitions.isEmpty()) {
      return true; // no topic yet: nothing was missed, the live stream reads it from its start
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      long at = from.offset(tp.partition());
      if (at < begin.get(tp)) {
        return refuse(session, CloseReason.CURSOR_EXPIRED, "realtime.content: cursor expired: "
            + tp + " starts at " + begin.get(tp) + ", cursor at " + at);
      }
      if (at > end.get(tp)) {
        return refuse(session, CloseReason.BAD_REQUEST, "realtime.content: invalid since: "
            + "cursor is ahead of " + tp + " (end " + end.get(tp) + ", cursor " + at + ")");
      }
      consumer.seek(tp, at);
    }
    return true;
  }

  private boolean refuse(ClientSession session, CloseReason reason, String text) {
    metrics.replaysRefused.increment();
    LOG.info("Refusing resume of session {} ({}): {}", session.id(), session, text);
    session.close(reason, text);
    return false;
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Calls {@code action} for every session still replaying (access checks). */
  public void forEachReplaying(java.util.function.Consumer<ClientSession> action) {
    replaying.forEach(action);
  }

  /** Sessions still replaying, for tests and metrics. */
  int replaying() {
    return replaying.size();
  }

  /** Stops replays; their sessions are closed with 1001 and the cursor they reached. */
  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
    for (ClientSession s : new ArrayList<>(replaying)) {
      s.close(CloseReason.GOING_AWAY, "node shutting down");
    }
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Replay threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
