package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.TestSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several producers (the Kafka thread and Jetty threads echoing) enqueue while another thread
 * completes sends, as Jetty does: every message must arrive exactly once, each producer's in its
 * order, with never more than one send in flight.
 */
class ClientSessionConcurrencyTest {

  private static final int PRODUCERS = 4;
  private static final int PER_PRODUCER = 20_000;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentEnqueueDeliversEveryMessageOnceInPerThreadOrder() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    List<ClientSession> ended = new ArrayList<>();
    ClientSession session =
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            transport,
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            s -> {
              synchronized (ended) {
                ended.add(s);
              }
            });

    AtomicBoolean producing = new AtomicBoolean(true);
    Thread completer =
        new Thread(
            () -> {
              while (producing.get() || transport.inFlight() > 0) {
                if (!transport.completeNext()) {
                  Thread.onSpinWait();
                }
              }
            },
            "test-completer");
    completer.start();

    CountDownLatch start = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread t =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < PER_PRODUCER; i++) {
                  session.enqueue(producer + ":" + i);
                }
              },
              "test-producer-" + p);
      t.start();
      producers.add(t);
    }
    start.countDown();
    for (Thread t : producers) {
      t.join();
    }
    producing.set(false);
    completer.join();

    List<String> sent = transport.sent();
    assertEquals(PRODUCERS * PER_PRODUCER, sent.size(), "every message sent exactly once");
    Map<Integer, Integer> next = new HashMap<>();
    for (String m : sent) {
      int colon = m.indexOf(':');
      int producer = Integer.parseInt(m.substring(0, colon));
      int seq = Integer.parseInt(m.substring(colon + 1));
      int expected = next.getOrDefault(producer, 0);
      assertEquals(expected, seq, "producer " + producer + " out of order or duplicated");
      next.put(producer, seq + 1);
    }
    for (int p = 0; p < PRODUCERS; p++) {
      assertEquals(PER_PRODUCER, next.get(p));
    }
    assertEquals(1, transport.maxInFlight(), "never two sends in flight");
    assertEquals(0, session.queuedMessages());
    assertTrue(transport.closes().isEmpty());
    assertTrue(ended.isEmpty());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
