package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.stream.Delivery;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions come and go on Jetty threads while others of the same record register: a session that
 * was added must be reachable, whatever another session of the same record does at that moment.
 *
 * <p>Regression: {@code add} used to put the session into the set {@code computeIfAbsent} returned,
 * outside the map's lock, so a concurrent {@code sessionEnded} could drop that set as empty; and
 * {@code dispatch} skipped record subscribers when {@code byRecord.isEmpty()}, a count that may lag
 * behind a concurrent {@code compute}. Both lost a large share of these sessions.
 */
class SubscriptionRegistryConcurrencyTest {

  private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sessionAddedWhileAnotherOfTheSameRecordLeavesIsNotLost() throws Exception {
    SubscriptionRegistry registry =
        new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    Subscription recordSeven =
        new Subscription(TestSchemas.post(), null, "7", null, "test.resource");
    Delivery updateOfSeven =
        new Delivery("post", Operation.UPDATE, TestEvents.group(Operation.UPDATE, "tx", 1, 7));

    AtomicBoolean running = new AtomicBoolean(true);
    Thread churn =
        new Thread(
            () -> {
              ClientSession other =
                  new ClientSession(recordSeven, new RecordingTransport(), 10, 1 << 20, registry);
              while (running.get()) {
                registry.add(other);
                registry.sessionEnded(other);
              }
            },
            "test-churn");
    churn.start();

    long lost = 0;
    long attempts = 0;
    long deadline = System.nanoTime() + RUN_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        attempts++;
        AtomicLong touches = new AtomicLong();
        ClientSession mine =
            new ClientSession(
                recordSeven, new RecordingTransport("p", touches, true), 10, 1 << 20, registry);
        registry.add(mine);
        registry.dispatch(updateOfSeven);
        if (touches.get() == 0) {
          lost++;
        }
        registry.sessionEnded(mine);
      }
    } finally {
      running.set(false);
      churn.join();
    }
    assertEquals(0, lost, lost + " of " + attempts + " added sessions were unreachable");
  }
}
