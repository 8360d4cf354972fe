package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.RelationStateTopic;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.relations.RelationLoading;
import io.fastschema.realtime.fanout.relations.RelationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the relation state topics into the {@link RelationStore}: a table from its beginning when a
 * subscription first needs it ({@link #load}), then, before every poll's deliveries are dispatched,
 * every loaded table up to the end offsets fetched at that moment ({@link #catchUp}). Ingest
 * acknowledges a transaction's state records before it sends the transaction's content events, so
 * those end offsets cover the state of every content event the poll read.
 *
 * <p>Thread-safety: {@link #load} from any thread; everything else on the consumer thread.
 */
public final class RelationStateReader implements RelationLoading, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RelationStateReader.class);
  private static final Duration FETCH = Duration.ofMillis(20);

  /** The longest one catch-up waits on Kafka before deliveries go on without it. */
  private static final Duration KAFKA_WAIT = Duration.ofSeconds(5);

  /** How often a loaded table whose topic did not exist yet is looked for again. */
  private static final long MISSING_RECHECK_NANOS = 2_000_000_000L;

  private record Demand(Set<String> tables, CompletableFuture<Void> done) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topicPrefix;
  private final RelationStore store;
  private final StateRecordCodec codec = new StateRecordCodec();
  private final FanoutMetrics metrics;
  private final long maxBytes;
  private final ConcurrentLinkedQueue<Demand> demands = new ConcurrentLinkedQueue<>();

  /** Loaded tables whose topic was not found; consumer thread. */
  private final Set<String> missing = new HashSet<>();

  private long nextMissingCheck;

  /**
   * @param maxBytes the store's estimated size past which new loads fail (0: no bound)
   */
  public RelationStateReader(
      String bootstrap,
      String topicPrefix,
      RelationStore store,
      long maxBytes,
      FanoutMetrics metrics) {
    this.consumer = new KafkaConsumer<>(properties(bootstrap));
    this.topicPrefix = topicPrefix;
    this.store = store;
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  @Override
  public CompletableFuture<Void> load(Set<String> tables) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    demands.add(new Demand(Set.copyOf(tables), done));
    return done;
  }

  /** Whether any table is loaded: only then does a poll need {@link #catchUp}. */
  boolean active() {
    return !consumer.assignment().isEmpty() || !missing.isEmpty();
  }

  /**
   * Loads the tables asked for since the last call and completes their futures. Consumer thread.
   */
  void loadDemanded() {
    Demand demand;
    List<Demand> served = new ArrayList<>();
    Set<String> fresh = new HashSet<>();
    while ((demand = demands.poll()) != null) {
      served.add(demand);
      for (String table : demand.tables()) {
        if (!store.tracks(table)) {
          fresh.add(table);
        }
      }
    }
    if (served.isEmpty()) {
      return;
    }
    RuntimeException failure = null;
    try {
      if (!fresh.isEmpty()) {
        if (maxBytes > 0 && store.bytes() >= maxBytes) {
          throw new IllegalStateException(
              "relation state holds ~"
                  + store.bytes() / (1024 * 1024)
                  + " MiB, the limit REALTIME_RELATION_STATE_MAX_MB allows: cannot load "
                  + fresh);
        }
        assign(fresh);
        catchUp();
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.warn("Loading relation state of {} failed: {}", fresh, e.toString());
    }
    for (Demand d : served) {
      if (failure == null) {
        d.done().complete(null);
      } else {
        d.done().completeExceptionally(failure);
      }
    }
  }

  private void assign(Set<String> tables) {
    List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
    List<TopicPartition> added = new ArrayList<>();
    for (String table : tables) {
      store.track(table);
      List<PartitionInfo> infos =
          consumer.partitionsFor(
              RelationStateTopic.topic(topicPrefix, table), Duration.ofSeconds(10));
      if (infos == null || infos.isEmpty()) {
        // Ingest has not created it (yet): the table is empty until it does.
        missing.add(table);
        continue;
      }
      missing.remove(table);
      for (PartitionInfo p : infos) {
        added.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    if (added.isEmpty()) {
      return;
    }
    partitions.addAll(added);
    consumer.assign(partitions);
    consumer.seekToBeginning(added);
  }

  /**
   * Reads every loaded table to the end offsets as they are now. Consumer thread, before the poll's
   * deliveries are dispatched.
   */
  void catchUp() {
    long now = System.nanoTime();
    if (!missing.isEmpty() && now >= nextMissingCheck) {
      nextMissingCheck = now + MISSING_RECHECK_NANOS;
      assign(Set.copyOf(missing));
    }
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      store.expire(now);
      return;
    }
    Map<TopicPartition, Long> ends;
    try {
      ends = new HashMap<>(consumer.endOffsets(assigned, KAFKA_WAIT));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      // Kafka away: the poll that called this read nothing new either; the next one tries again.
      LOG.warn("Relation state end offsets not known within {}: {}", KAFKA_WAIT, e.toString());
      return;
    }
    ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    long deadline = now + KAFKA_WAIT.toNanos();
    while (!ends.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(FETCH)) {
        apply(r);
      }
      ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      if (!ends.isEmpty() && System.nanoTime() > deadline) {
        LOG.warn(
            "Relation state not read to its end within {} ({} partitions behind): deliveries"
                + " go on with the state read so far",
            KAFKA_WAIT,
            ends.size());
        break;
      }
    }
    store.expire(System.nanoTime());
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String table = RelationStateTopic.tableOf(topicPrefix, r.topic());
    if (table == null || r.key() == null) {
      return;
    }
    try {
      String key = StateRecordCodec.keyText(codec.decodeKey(r.key()));
      StateRecord record = r.value() == null ? null : codec.decode(r.value());
      store.apply(table, key, record, System.nanoTime());
      metrics.relationStateRecords.increment();
    } catch (RecordEventCodec.MalformedEventException e) {
      metrics.eventsMalformed.increment();
      LOG.warn(
          "Skipping malformed relation state record at {}-{} offset {}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private static Properties properties(String bootstrap) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "fastschema-realtime-fanout-relations");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
    for (Demand d; (d = demands.poll()) != null; ) {
      d.done().completeExceptionally(new IllegalStateException("node stopping"));
    }
  }
}
