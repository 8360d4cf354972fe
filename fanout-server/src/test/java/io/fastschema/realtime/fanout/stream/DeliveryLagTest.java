package io.fastschema.realtime.fanout.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Delivery lag in time, as /readyz and fanout_delivery_lag_milliseconds see it. */
class DeliveryLagTest {

  private static final TopicPartition P0 = new TopicPartition("fastschema.blog", 0);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final DeliveryLag lag = new DeliveryLag(now::get);

  private void at(long ms) {
    now.set(1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(ms));
  }

  private void observe(long position, long end) {
    lag.observe(now.get(), Map.of(P0, position), Map.of(P0, end));
  }

  @Test
  void aConsumerThatKeepsUpIsNotBehind() {
    for (long ms = 0; ms <= 5_000; ms += 500) {
      at(ms);
      observe(ms, ms);
      assertEquals(0, lag.millis());
    }
  }

  @Test
  void aStuckConsumerThreadFallsBehindByTheWallClockAndTurnsUnready() {
    at(0);
    observe(10, 10);
    at(200);
    observe(10, 12); // a row arrives; its dispatch then takes 36 s and nothing is observed
    at(36_200);
    assertEquals(36_200, lag.millis());
    String why = lag.readiness(15_000).notReadyBecause();
    assertTrue(why != null && why.contains("REALTIME_MAX_READY_LAG_MS"), why);
    assertNull(lag.readiness(0).notReadyBecause(), "0 disables the check");
    at(36_500);
    observe(12, 12);
    assertEquals(0, lag.millis());
    assertNull(lag.readiness(15_000).notReadyBecause());
  }

  @Test
  void aBacklogCountsFromWhenItsEndWasNotedUntilItIsRead() {
    at(0);
    observe(100, 100);
    at(1_000);
    observe(100, 400); // behind: chase 400
    at(2_000);
    observe(300, 600);
    assertEquals(2_000, lag.millis(), "caught up to the moment at 0 ms, not later");
    at(3_000);
    observe(450, 700); // 400 reached: everything Kafka held at 1 s has been read
    assertEquals(2_000, lag.millis());
    at(4_000);
    observe(700, 800); // chasing 700, noted at 3 s
    assertEquals(1_000, lag.millis());
  }
}
