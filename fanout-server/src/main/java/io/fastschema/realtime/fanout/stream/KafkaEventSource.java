package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.security.SecurityTopic;
import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of every schema topic ({@code <prefix>.<schema>}) and hands the events,
 * regrouped into FastSchema messages, to a sink. No consumer group: every node needs every event.
 *
 * <p>Topics that exist when the node starts are read from their end (clients get what happens after
 * they connect); topics that appear later are read from their beginning, since all they hold is new.
 * Each topic goes through its own {@link TopicSequencer}: grouping, per-partition order, duplicate
 * drop (an ingest replay repeats event ids; within a partition ids only grow) and the stream
 * position that resume cursors encode.
 *
 * <p>Sessions that resume join the live stream through {@link #join}, which runs on the consumer
 * thread between deliveries, so a joining session sees every delivery after its position and none
 * before.
 *
 * <p>Thread-safe to start/close/join; the consumer itself runs on the thread {@code fanout-kafka}.
 */
public final class KafkaEventSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSource.class);
  /** How often the lag gauges are refreshed from the consumer's fetch metadata. */
  private static final long LAG_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();
  private Runnable afterDeliveries = () -> {};
  /** Events kept per topic for sessions that join a little behind the live stream. */
  private int recentEvents = 4096;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topicPrefix;
  private final String securityTopic;
  private final SecuritySink security;
  /** End offsets of the security topic when first assigned: ready once read up to them. */
  private final Map<TopicPartition, Long> securityCatchUp = new HashMap<>();
  private final Duration topicRefresh;
  private final RecordEventCodec codec;
  private final Consumer<Delivery> sink;
  /** One per schema topic being read; consumer thread only. */
  /** Created by {@link #start}; consumer thread only from then on. */
  private LiveTopics live;
  /** Work for the consumer thread (joins), run between polls. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final FanoutMetrics metrics;
  /**
   * Records behind the end of each topic, summed over its partitions; written by the consumer
   * thread every {@link #LAG_INTERVAL_NANOS}, read by the gauges at scrape time.
   */
  private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** Topics being read; consumer thread only. */
  private final Set<String> knownTopics = new HashSet<>();
  private volatile String notReadyBecause = "Kafka consumer not started";
  /** Set once the node begins to stop; readiness says so whatever the consumer thread sets. */
  private volatile boolean draining;
  /** Run on the consumer thread if its loop dies: a node that cannot deliver must not hold clients. */
  private volatile Runnable onFailure = () -> {};
  private Thread thread;

  /** Receives the access-control topic's records; {@link #flush()} after each batch. */
  public interface SecuritySink {
    void apply(String key, byte[] value);

    void flush();
  }

  public KafkaEventSource(String bootstrap, String topicPrefix, Duration topicRefresh,
      RecordEventCodec codec, Consumer<Delivery> sink, SecuritySink security) {
    this(bootstrap, topicPrefix, topicRefresh, codec, sink, security,
        FanoutMetrics.unregistered());
  }

  public KafkaEventSource(String bootstrap, String topicPrefix, Duration topicRefresh,
      RecordEventCodec codec, Consumer<Delivery> sink, SecuritySink security,
      FanoutMetrics metrics) {
    this.metrics = metrics;
    this.consumer = new KafkaConsumer<>(consumerProperties(bootstrap, "fastschema-realtime-fanout"));
    this.topicPrefix = topicPrefix + ".";
    this.securityTopic = SecurityTopic.topic(topicPrefix);
    this.security = security;
    this.topicRefresh = topicRefresh;
    this.codec = codec;
    this.sink = sink;
  }

  public void start() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("KafkaEventSource already started");
    }
    live = new LiveTopics(sink, recentEvents);
    thread = new Thread(this::run, "fanout-kafka");
    thread.start();
  }

  private void run() {
    long nextRefresh = 0;
    long nextLag = 0;
    boolean first = true;
    try {
      while (running.get()) {
        long now = System.nanoTime();
        if (now >= nextRefresh) {
          try {
            refreshTopics(first);
            first = false;
          } catch (RetriableException e) {
            // Kafka unreachable (a broker restart, say): poll keeps reconnecting by itself, and the
            // lookup is retried at the next refresh. Ending the loop here would leave the node's
            // clients connected to a node that never delivers again.
            LOG.warn("Looking for topics failed ({}); retrying in {} ms", e.toString(),
                topicRefresh.toMillis());
          }
          nextRefresh = now + topicRefresh.toNanos();
        }
        runTasks();
        if (knownTopics.isEmpty()) {
          Thread.sleep(Math.min(50, topicRefresh.toMillis()));
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
        boolean securityChanged = false;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (r.topic().equals(securityTopic)) {
            security.apply(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                r.value());
            securityChanged = true;
          } else {
            handle(r);
          }
        }
        if (securityChanged) {
          security.flush();
        }
        checkSecurityCaughtUp();
        long after = System.nanoTime();
        live.expire(after);
        afterDeliveries.run();
        if (after >= nextLag) {
          updateLag();
          nextLag = after + LAG_INTERVAL_NANOS;
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      notReadyBecause = "Kafka consumer failed: " + e;
      LOG.error("Kafka consumer loop failed; this node delivers nothing until restarted: closing "
          + "its sessions so that they reconnect to another node", e);
      onFailure.run();
    } finally {
      runTasks(); // joins still waiting see the stream as it stands
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    TopicSequencer sequencer = live.sequencer(r.topic());
    if (sequencer == null) {
      throw new IllegalStateException("record of " + r.topic() + " without a sequencer");
    }
    RecordEvent event = decode(codec, r, metrics);
    if (event == null) {
      sequencer.skip(r.partition(), r.offset());
      return;
    }
    if (sequencer.offer(r.partition(), r.offset(), event, System.nanoTime())
        == TopicSequencer.Outcome.DUPLICATE) {
      LOG.debug("Dropping replayed event {} on {}-{}", event.id(), r.topic(), r.partition());
      metrics.eventsDuplicate.increment();
    } else {
      metrics.eventsConsumed.increment();
    }
  }

  /**
   * A consumer of this node's kind: assigned partitions, no group, no commits, raw bytes, short
   * fetch waits (latency). Shared by the live stream and the replays.
   */
  public static Properties consumerProperties(String bootstrap, String clientId) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
    p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
    return p;
  }

  /** The record's event, or null (counted and logged) when it cannot be read. */
  public static RecordEvent decode(RecordEventCodec codec, ConsumerRecord<byte[], byte[]> r,
      FanoutMetrics metrics) {
    try {
      return codec.decode(r.value());
    } catch (RecordEventCodec.MalformedEventException e) {
      metrics.eventsMalformed.increment();
      LOG.warn("Skipping malformed event at {}-{} offset {}: {}", r.topic(), r.partition(),
          r.offset(), e.getMessage());
      return null;
    }
  }

  /**
   * Hands a session over to the live stream if the live stream has not passed {@code replayed}:
   * from then on it gets every delivery after the live position, minus those below
   * {@code replayed} (its replay sent them). With {@code replayed} null ({@code since=now}), it
   * starts at the live position. Completes with false when the live stream is ahead: the replay
   * must read on.
   */
  public java.util.concurrent.CompletableFuture<Boolean> join(ClientSession session,
      StreamPosition replayed, boolean trusted, Consumer<ClientSession> register,
      java.util.function.BiConsumer<ClientSession, Delivery> catchUp, int catchUpLimit) {
    return onConsumerThread(() -> {
      if (!session.isOpen()) {
        return true; // gone while waiting: nothing to join
      }
      String topic = topicOf(session.subscription().schema().name());
      return live.join(session, topic, replayed != null ? replayed : live.position(topic),
          trusted || replayed == null, register, catchUp, catchUpLimit);
    });
  }

  /** The topic a schema is published on. */
  public String topicOf(String schema) {
    return topicPrefix + schema;
  }

  /** Where the live stream of a topic stands, read on the consumer thread. */
  public java.util.concurrent.CompletableFuture<StreamPosition> position(String topic) {
    return onConsumerThread(() -> live.position(topic));
  }

  /**
   * Runs {@code work} on the consumer thread between two polls (the live stream's state is that
   * thread's alone). No consumer.wakeup(): it would also abort a metadata call, and a poll lasts
   * at most 50 ms.
   */
  private <T> java.util.concurrent.CompletableFuture<T> onConsumerThread(
      java.util.function.Supplier<T> work) {
    var done = new java.util.concurrent.CompletableFuture<T>();
    tasks.add(() -> done.complete(work.get()));
    if (!running.get()) {
      done.completeExceptionally(new IllegalStateException("Kafka consumer not running"));
    }
    return done;
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  /**
   * Sums each topic's lag from what the last fetches reported (no request to Kafka); partitions not
   * fetched yet count as 0. Consumer thread only: KafkaConsumer is not thread-safe.
   */
  private void updateLag() {
    Map<String, Long> sums = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      sums.merge(tp.topic(), lag.isPresent() ? lag.getAsLong() : 0L, Long::sum);
    }
    sums.forEach((topic, lag) -> lagByTopic.computeIfAbsent(topic, t -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("fanout.kafka.lag", value, AtomicLong::get)
          .description("Records in Kafka not yet read by this node, summed over the topic's partitions")
          .baseUnit("records")
          .tag("topic", t)
          .register(metrics.registry());
      return value;
    }).set(lag));
  }

  private void checkSecurityCaughtUp() {
    if (securityCatchUp.isEmpty()) {
      return;
    }
    securityCatchUp.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    if (securityCatchUp.isEmpty()) {
      security.flush();
      LOG.info("Access control loaded from {}", securityTopic);
      notReadyBecause = null;
    }
  }

  /**
   * Assigns every partition of every schema topic; new topics are read from their beginning. When
   * Kafka fails a request half-way, the assignment is put back as it was, so that the next refresh
   * sees the same partitions as new again.
   */
  private void refreshTopics(boolean atStart) {
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
        notReadyBecause = "no topic " + topicPrefix + "* in Kafka yet";
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
      fresh.forEach(securityCatchUp::remove);
      throw e;
    }
    starts.forEach(live::start);
    knownTopics.addAll(newTopics);
    LOG.info("Reading {} new partitions of {} from their {}", fresh.size(), newTopics,
        atStart ? "end" : "beginning");
    if (!knownTopics.contains(securityTopic)) {
      notReadyBecause = "no access-control topic " + securityTopic + " yet (is ingest running?)";
    } else if (!securityCatchUp.isEmpty()) {
      notReadyBecause = "loading access control from " + securityTopic;
    } else {
      notReadyBecause = null;
    }
  }

  /**
   * Seeks newly assigned partitions and resolves the seeks, so "ready" means positioned.
   *
   * @return the positions of the schema topics' partitions, by topic and partition
   */
  private Map<String, Map<Integer, Long>> position(List<TopicPartition> fresh, boolean atStart) {
    List<TopicPartition> securityParts = fresh.stream()
        .filter(tp -> tp.topic().equals(securityTopic)).toList();
    List<TopicPartition> contentParts = fresh.stream()
        .filter(tp -> !tp.topic().equals(securityTopic)).toList();
    if (atStart) {
      consumer.seekToEnd(contentParts);
    } else {
      consumer.seekToBeginning(contentParts);
    }
    // Access control is state, not news: always read it whole.
    consumer.seekToBeginning(securityParts);
    if (!securityParts.isEmpty()) {
      securityCatchUp.putAll(consumer.endOffsets(securityParts));
    }
    Map<String, Map<Integer, Long>> starts = new HashMap<>();
    for (TopicPartition tp : fresh) {
      long position = consumer.position(tp); // resolves the seek now: "ready" means positioned
      if (!tp.topic().equals(securityTopic)) {
        starts.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), position);
      }
    }
    return starts;
  }

  /**
   * Run on the consumer thread after each poll's deliveries (the server writes the sessions they
   * queued to); before {@link #start}.
   */
  public void afterDeliveries(Runnable action) {
    this.afterDeliveries = action;
  }

  /** How many recent events to keep per topic; before {@link #start}. */
  public void keepRecentEvents(int count) {
    this.recentEvents = count;
  }

  /** What to do when the consumer loop fails for good (the server closes its sessions). */
  public void onFailure(Runnable action) {
    this.onFailure = action;
  }

  /**
   * The node is stopping: from now on it reports not ready, so that the load balancer stops
   * sending clients and new handshakes are told to go elsewhere (1013), while open sessions are
   * closed with their cursors.
   */
  public void drain() {
    draining = true;
  }

  public ReadinessProbe readiness() {
    return () -> draining ? "node shutting down" : notReadyBecause;
  }

  public long consumed() {
    return (long) metrics.eventsConsumed.count();
  }

  @Override
  public void close() {
    if (!running.compareAndSet(true, false)) {
      if (thread == null) {
        consumer.close(Duration.ZERO); // never started
      }
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("Kafka consumer thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
