package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.RelationStateTopic;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.relations.RelationLoading;
import io.fastschema.realtime.fanout.relations.RelationStore;
import io.fastschema.realtime.fanout.relations.TableLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the relation state topics into the {@link RelationStore}. A table is read from its
 * beginning when a subscription first needs it ({@link #load}), on a loader thread with a consumer
 * of its own, so that a large table does not hold the node's deliveries; the consumer thread then
 * installs it, goes on from where the loader stopped, and from there on, before every poll's
 * deliveries are dispatched, reads every loaded table up to the end offsets fetched at that moment
 * ({@link #catchUp}). Ingest acknowledges a transaction's state records before it sends the
 * transaction's content events, so those end offsets cover the state of every content event the
 * poll read.
 *
 * <p>Thread-safety: {@link #load} from any thread; the loader thread reads only its own consumer
 * and table; everything else on the consumer thread.
 */
public final class RelationStateReader implements RelationLoading, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RelationStateReader.class);
  private static final Duration FETCH = Duration.ofMillis(20);

  /** The longest one catch-up waits on Kafka before deliveries go on without it. */
  private static final Duration KAFKA_WAIT = Duration.ofSeconds(5);

  /** A first load that reads nothing for this long fails (Kafka away): its sessions are told. */
  private static final Duration LOAD_STALL = Duration.ofSeconds(30);

  /** How often a loaded table whose topic did not exist yet is looked for again. */
  private static final long MISSING_RECHECK_NANOS = 2_000_000_000L;

  private record Demand(Set<String> tables, CompletableFuture<Void> done) {}

  /** A table read by the loader thread, with the positions it read up to. */
  private record Loaded(TableLoad table, Map<TopicPartition, Long> positions, Exception failure) {}

  private final String bootstrap;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topicPrefix;
  private final RelationStore store;
  private final StateRecordCodec codec = new StateRecordCodec();
  private final FanoutMetrics metrics;
  private final long maxBytes;
  private final ConcurrentLinkedQueue<Demand> demands = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Loaded> loaded = new ConcurrentLinkedQueue<>();
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fanout-relation-loader");
            t.setDaemon(true);
            return t;
          });

  /** Demands waiting for tables being loaded; consumer thread. */
  private final List<Demand> waiting = new ArrayList<>();

  /** Tables the loader is reading; consumer thread. */
  private final Set<String> loading = new HashSet<>();

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
    this.bootstrap = bootstrap;
    this.consumer =
        new KafkaConsumer<>(
            AssignedConsumer.properties(
                bootstrap, "fastschema-realtime-fanout-state", "earliest", FETCH));
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

  @Override
  public boolean holds(Set<String> tables) {
    return store.tracksAll(tables);
  }

  /** Whether any table is loaded: only then does a poll need {@link #catchUp}. */
  boolean active() {
    return !consumer.assignment().isEmpty() || !missing.isEmpty();
  }

  /**
   * Installs what the loader finished, starts loading what new demands need, and completes the
   * demands whose tables are all held. Consumer thread, between polls.
   */
  void loadDemanded() {
    boolean installed = installLoaded();
    Demand demand;
    while ((demand = demands.poll()) != null) {
      Set<String> fresh = new HashSet<>(demand.tables());
      fresh.removeIf(t -> store.tracks(t) || loading.contains(t));
      if (!fresh.isEmpty() && maxBytes > 0 && store.bytes() >= maxBytes) {
        demand
            .done()
            .completeExceptionally(
                new IllegalStateException(
                    "relation state full (~"
                        + store.bytes() / (1024 * 1024)
                        + " MiB, REALTIME_RELATION_STATE_MAX_MB): cannot load "
                        + fresh));
        continue;
      }
      for (String table : fresh) {
        loading.add(table);
        loader.execute(() -> loaded.add(read(table)));
      }
      waiting.add(demand);
    }
    if (installed) {
      catchUp();
    }
    for (Iterator<Demand> it = waiting.iterator(); it.hasNext(); ) {
      Demand d = it.next();
      if (store.tracksAll(d.tables())) {
        it.remove();
        d.done().complete(null);
      }
    }
  }

  /**
   * @return whether a table was installed (then the caller catches up before anyone reads it)
   */
  private boolean installLoaded() {
    boolean any = false;
    Loaded l;
    while ((l = loaded.poll()) != null) {
      String table = l.table().table();
      loading.remove(table);
      if (l.failure() != null) {
        LOG.warn("Loading relation state of {} failed: {}", table, l.failure().toString());
        failWaiting(table, l.failure());
        continue;
      }
      store.install(l.table());
      any = true;
      if (l.positions().isEmpty()) {
        missing.add(table); // ingest has not created its topic (yet): empty until it does
        continue;
      }
      List<TopicPartition> all = new ArrayList<>(consumer.assignment());
      all.addAll(l.positions().keySet());
      consumer.assign(all);
      l.positions().forEach(consumer::seek);
      LOG.info("Loaded relation state of {}: {} rows", table, l.table().rows());
    }
    return any;
  }

  private void failWaiting(String table, Exception cause) {
    for (Iterator<Demand> it = waiting.iterator(); it.hasNext(); ) {
      Demand d = it.next();
      if (d.tables().contains(table)) {
        it.remove();
        d.done().completeExceptionally(cause);
      }
    }
  }

  /** Loader thread: the table's topic from its beginning to its end offsets, into a new table. */
  private Loaded read(String table) {
    TableLoad load = store.startLoad(table);
    String topic = RelationStateTopic.topic(topicPrefix, table);
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            AssignedConsumer.properties(
                bootstrap, "fastschema-realtime-fanout-state-load", "earliest", FETCH))) {
      List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
      Map<TopicPartition, Long> positions = new HashMap<>();
      if (infos == null || infos.isEmpty()) {
        return new Loaded(load, positions, null);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(reader.endOffsets(partitions));
      ends.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
      long stalledSince = System.nanoTime();
      while (!ends.isEmpty()) {
        var records = reader.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          String key = keyOf(r);
          if (key != null) {
            load.apply(key, valueOf(r), System.nanoTime());
          }
        }
        if (!records.isEmpty()) {
          stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > LOAD_STALL.toNanos()) {
          throw new IllegalStateException(
              "no record of " + topic + " within " + LOAD_STALL + " (" + ends + " to read)");
        }
        ends.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
      }
      partitions.forEach(tp -> positions.put(tp, reader.position(tp)));
      return new Loaded(load, positions, null);
    } catch (RuntimeException e) {
      return new Loaded(load, Map.of(), e);
    }
  }

  /**
   * Reads every loaded table to the end offsets as they are now. Consumer thread, before the poll's
   * deliveries are dispatched.
   */
  void catchUp() {
    long now = System.nanoTime();
    if (!missing.isEmpty() && now >= nextMissingCheck) {
      nextMissingCheck = now + MISSING_RECHECK_NANOS;
      assignMissing();
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
        String table = RelationStateTopic.tableOf(topicPrefix, r.topic());
        String key = keyOf(r);
        if (table != null && key != null) {
          store.apply(table, key, valueOf(r), System.nanoTime());
        }
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

  /** A table whose topic did not exist when it was loaded: from its beginning once it does. */
  private void assignMissing() {
    List<TopicPartition> added = new ArrayList<>();
    for (Iterator<String> it = missing.iterator(); it.hasNext(); ) {
      String topic = RelationStateTopic.topic(topicPrefix, it.next());
      List<PartitionInfo> infos = consumer.partitionsFor(topic, KAFKA_WAIT);
      if (infos != null && !infos.isEmpty()) {
        it.remove();
        infos.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
      }
    }
    if (!added.isEmpty()) {
      List<TopicPartition> all = new ArrayList<>(consumer.assignment());
      all.addAll(added);
      consumer.assign(all);
      consumer.seekToBeginning(added);
    }
  }

  /** The record's key text, or null (counted and logged) when it cannot be read. */
  private String keyOf(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null) {
      return null;
    }
    try {
      return StateRecordCodec.keyText(codec.decodeKey(r.key()));
    } catch (RecordEventCodec.MalformedEventException e) {
      malformed(r, e);
      return null;
    }
  }

  /** The record's state, null for a tombstone (or, counted and logged, when unreadable). */
  private StateRecord valueOf(ConsumerRecord<byte[], byte[]> r) {
    metrics.relationStateRecords.increment();
    if (r.value() == null) {
      return null;
    }
    try {
      return codec.decode(r.value());
    } catch (RecordEventCodec.MalformedEventException e) {
      malformed(r, e);
      return null;
    }
  }

  private void malformed(ConsumerRecord<byte[], byte[]> r, Exception e) {
    metrics.eventsMalformed.increment();
    LOG.warn(
        "Skipping malformed relation state record at {}-{} offset {}: {}",
        r.topic(),
        r.partition(),
        r.offset(),
        e.getMessage());
  }

  @Override
  public void close() {
    loader.shutdownNow();
    consumer.close(Duration.ofSeconds(5));
    IllegalStateException stopping = new IllegalStateException("node stopping");
    for (Demand d; (d = demands.poll()) != null; ) {
      d.done().completeExceptionally(stopping);
    }
    waiting.forEach(d -> d.done().completeExceptionally(stopping));
    waiting.clear();
  }
}
