package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline's stand-in for FastSchema's content hooks: reads the schema topics from their end
 * and hands each completed statement ({@link HookCall}) to the broadcaster. Same consumer settings
 * as the fanout node's, so neither side has an edge in how fast it sees a change.
 *
 * <p>Lifecycle: {@link #start} → {@link #close}. One thread, {@code baseline-kafka}.
 */
final class KafkaTrigger implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTrigger.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final RecordEventCodec codec;
  private final Consumer<HookCall> sink;
  private final HookCallAssembler assembler = new HookCallAssembler();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final LongAdder consumed = new LongAdder();
  private final Thread thread;
  private volatile String notReadyBecause = "not positioned on the topics yet";

  KafkaTrigger(String bootstrap, List<String> topics, ObjectMapper json, Consumer<HookCall> sink) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "fastschema-baseline");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    this.topics = topics;
    this.codec = new RecordEventCodec(json);
    this.sink = sink;
    this.thread = new Thread(this::run, "baseline-kafka");
  }

  void start() {
    thread.start();
  }

  String notReadyBecause() {
    return notReadyBecause;
  }

  long eventsConsumed() {
    return consumed.sum();
  }

  private void run() {
    try {
      position();
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          consumed.increment();
          RecordEvent event;
          try {
            event = codec.decode(r.value());
          } catch (RecordEventCodec.MalformedEventException e) {
            LOG.warn(
                "Skipping malformed record at {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
            continue;
          }
          assembler.accept(event).ifPresent(sink);
        }
      }
    } catch (WakeupException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      notReadyBecause = "trigger stopped: " + e;
      LOG.error("Baseline trigger stopped reading Kafka", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Every partition of every topic that exists, from its end; topics missing now are skipped. */
  private void position() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos == null || infos.isEmpty()) {
        LOG.warn("Topic {} does not exist; its schema gets no events", topic);
        continue;
      }
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    notReadyBecause = null;
    LOG.info("Baseline trigger reading {} partitions from their end", partitions.size());
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
