package io.fastschema.realtime.fanout.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code fanout.kafka.lag}: records behind the end of each topic, summed over its partitions, from
 * what the last fetches reported (no request to Kafka); partitions not fetched yet count as 0.
 *
 * <p>Updated by the consumer thread (KafkaConsumer is not thread-safe), read at scrape time.
 */
final class LagGauges {

  /** How often the gauges are refreshed from the consumer's fetch metadata. */
  private static final long INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();

  /** When the next update is due; consumer thread only. */
  private long nextNanos;

  LagGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Updates the gauges when {@link #INTERVAL_NANOS} passed since the last update. */
  void maybeUpdate(KafkaConsumer<byte[], byte[]> consumer, long nowNanos) {
    if (nowNanos < nextNanos) {
      return;
    }
    nextNanos = nowNanos + INTERVAL_NANOS;
    Map<String, Long> sums = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      sums.merge(tp.topic(), lag.isPresent() ? lag.getAsLong() : 0L, Long::sum);
    }
    sums.forEach((topic, lag) -> lagByTopic.computeIfAbsent(topic, this::register).set(lag));
  }

  private AtomicLong register(String topic) {
    AtomicLong value = new AtomicLong();
    Gauge.builder("fanout.kafka.lag", value, AtomicLong::get)
        .description(
            "Records in Kafka not yet read by this node, summed over the topic's partitions")
        .baseUnit("records")
        .tag("topic", topic)
        .register(registry);
    return value;
  }
}
