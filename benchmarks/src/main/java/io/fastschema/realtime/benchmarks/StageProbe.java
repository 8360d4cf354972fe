package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second reader of the schema topic, next to the fanout node's, that notes for each benchmark
 * write when its record was readable from Kafka and the record's own stamps: {@code commit_ts_ms}
 * (PostgreSQL's commit time) and {@code capture_ts_ms} (when ingest normalized the change, after
 * Debezium handed it over). With the write and client times this splits the latency into stages.
 *
 * <p>Configured like the fanout node's consumer (no group, {@code fetch.max.wait.ms=50}) so its
 * read time stands for the node's. It adds a little CPU load, which is why it is opt-in.
 *
 * <p>Thread-safe. Lifecycle: {@link #start} (positioned at the topic's end) → {@link #close}.
 */
final class StageProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageProbe.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** By sequence number: when the record was polled ({@code System.nanoTime}). */
  private final AtomicLongArray readNanos;

  /** By sequence number: the record's {@code source.commit_ts_ms}. */
  private final AtomicLongArray commitTsMs;

  /** By sequence number: the record's {@code source.capture_ts_ms}. */
  private final AtomicLongArray captureTsMs;

  private final Thread thread;

  private StageProbe(KafkaConsumer<byte[], byte[]> consumer, int capacity) {
    this.consumer = consumer;
    this.readNanos = filled(capacity);
    this.commitTsMs = filled(capacity);
    this.captureTsMs = filled(capacity);
    this.thread = new Thread(this::run, "bench-stage-probe");
    this.thread.setDaemon(true);
  }

  static StageProbe start(String bootstrap, String topic, int capacity) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-stage-probe");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the seek now, before the first write
    StageProbe probe = new StageProbe(consumer, capacity);
    probe.thread.start();
    return probe;
  }

  private void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          note(r.value(), System.nanoTime());
        }
      }
    } catch (WakeupException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      LOG.error("Stage probe stopped reading; stage numbers will be incomplete", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void note(byte[] value, long readAt) {
    JsonNode event;
    try {
      event = json.readTree(value);
    } catch (IOException e) {
      return; // not ours to judge: the fanout node counts malformed events
    }
    JsonNode views = event.path("after").path("views");
    int seq = views.canConvertToLong() ? RowValue.seqOf(views.asLong(), readNanos.length()) : -1;
    if (seq < 0 || !readNanos.compareAndSet(seq, WriteLog.NONE, readAt)) {
      return;
    }
    commitTsMs.set(seq, event.path("source").path("commit_ts_ms").asLong(WriteLog.NONE));
    captureTsMs.set(seq, event.path("source").path("capture_ts_ms").asLong(WriteLog.NONE));
  }

  /** When the record of {@code seq} was read, or {@link WriteLog#NONE}. */
  long readNanos(int seq) {
    return readNanos.get(seq);
  }

  long commitTsMs(int seq) {
    return commitTsMs.get(seq);
  }

  long captureTsMs(int seq) {
    return captureTsMs.get(seq);
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the probe thread is a daemon: it cannot hold the JVM
    }
  }

  private static AtomicLongArray filled(int capacity) {
    AtomicLongArray array = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      array.set(i, WriteLog.NONE);
    }
    return array;
  }
}
