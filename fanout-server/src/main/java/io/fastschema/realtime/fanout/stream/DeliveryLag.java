package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.lifecycle.ReadinessProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind Kafka this node delivers, in time: now minus the last moment whose end offsets the
 * consumer has since read past. The consumer thread notes the end offsets of its partitions (from
 * fetch metadata, no request) and, once its positions reach them, moves "caught up" to when it
 * noted them; idle and caught up, it moves it to now. A consumer thread that is stuck (in a filter
 * evaluation, say) notes nothing, so the lag grows with the wall clock: {@code /readyz} sees a
 * stall without the stalled thread's help. It overstates the true delay by at most the time one
 * target takes to reach plus {@link #CHECK_NANOS}.
 *
 * <p>Thread-safety: {@link #maybeObserve} and {@link #observe} on the consumer thread only; {@link
 * #millis} from any thread (one volatile read).
 */
public final class DeliveryLag {

  /** How often the consumer thread compares its positions with the end offsets. */
  private static final long CHECK_NANOS = Duration.ofMillis(500).toNanos();

  private final LongSupplier nanoClock;

  /** Everything Kafka held at this instant has been delivered. */
  private volatile long caughtUpNanos;

  /** Consumer thread only: when the next check is due, and the end offsets being chased. */
  private long nextCheckNanos;

  private Map<TopicPartition, Long> target;
  private long targetNanos;

  DeliveryLag(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.caughtUpNanos = nanoClock.getAsLong();
  }

  /** Milliseconds behind Kafka (0 when caught up at the last check). */
  public long millis() {
    return Math.max(0, (nanoClock.getAsLong() - caughtUpNanos) / 1_000_000);
  }

  /** Not ready while more than {@code maxMillis} behind; {@code 0} disables the check. */
  public ReadinessProbe readiness(long maxMillis) {
    return () -> {
      long ms = millis();
      return maxMillis > 0 && ms > maxMillis
          ? "delivering " + ms + " ms behind Kafka (REALTIME_MAX_READY_LAG_MS " + maxMillis + ")"
          : null;
    };
  }

  /** Nothing to read (no topic yet): caught up. */
  void idle(long nowNanos) {
    target = null;
    caughtUpNanos = nowNanos;
  }

  /** Observes the consumer when a check is due. */
  void maybeObserve(KafkaConsumer<byte[], byte[]> consumer, long nowNanos) {
    if (nowNanos < nextCheckNanos) {
      return;
    }
    nextCheckNanos = nowNanos + CHECK_NANOS;
    Map<TopicPartition, Long> positions = new HashMap<>();
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isPresent()) {
        // A lag is known only for a partition with a position, so this asks nothing of Kafka.
        long position = consumer.position(tp);
        positions.put(tp, position);
        ends.put(tp, position + lag.getAsLong());
      }
    }
    observe(nowNanos, positions, ends);
  }

  /** One comparison of where the consumer is ({@code positions}) with where Kafka ends. */
  void observe(long nowNanos, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
    if (target != null && reached(target, positions)) {
      caughtUpNanos = targetNanos;
      target = null;
    }
    if (reached(ends, positions)) {
      idle(nowNanos);
    } else if (target == null) {
      target = Map.copyOf(ends);
      targetNanos = nowNanos;
    }
  }

  private static boolean reached(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> at) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      // A partition no longer assigned is nothing this node still owes.
      if (at.getOrDefault(e.getKey(), Long.MAX_VALUE) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
