package io.fastschema.realtime.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.Operation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions come and go on Jetty threads while others of the same record register: a session that
 * was added must be reachable, whatever another session of the same record does at that moment.
 */
class SubscriptionRegistryConcurrencyTest {

  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sessionAddedWhileAnotherOfTheSameRecordLeavesIsNotLost() throws Exception {
    SubscriptionRegistry registry = new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    Subscription recordSeven = new Subscription(TestSchemas.post(), null, "7", "u");
    Delivery updateOfSeven = new Delivery("post", Operation.UPDATE,
        TestEvents.group(Operation.UPDATE, "tx", 1, 7));

    AtomicBoolean running = new AtomicBoolean(true);
    Thread churn = new Thread(() -> {
      ClientSession other = new ClientSession(recordSeven, new RecordingTransport(), 10, 1 << 20,
          registry);
      while (running.get()) {
        registry.add(other);
        registry.sessionEnded(other);
      }
    }, "test-churn");
    churn.start();

    long lost = 0;
    long attempts = 0;
    long deadline = System.nanoTime() + RUN_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        attempts++;
        AtomicLong touches = new AtomicLong();
        ClientSession mine = new ClientSession(recordSeven,
            new RecordingTransport("p", touches, true), 10, 1 << 20, registry);
        registry.add(mine);
        registry.dispatch(updateOfSeven);
        if (touches.get() == 0) {
          lost++;
          if (lost < 5) {
            registry.dispatch(updateOfSeven);
            System.err.println("LOST; size=" + registry.size() + " again=" + touches.get());
          }
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
