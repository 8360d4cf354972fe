package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.Transport;
import io.fastschema.realtime.fanout.stream.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live stream's writes are started by the write lanes, not by the thread that dispatches: the
 * consumer thread returns from a poll without having written, and every client still gets every
 * message once, in order.
 */
class WriteLanesTest {

  private final SubscriptionRegistry registry =
      new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));

  /** Completes every send at once and notes which threads started writes. */
  private static class ThreadNoting implements Transport {
    final Set<String> writers = ConcurrentHashMap.newKeySet();
    final List<String> received = new ArrayList<>();

    @Override
    public void send(EncodedText text, SendCallback done) {
      sendBatch(List.of(text), done);
    }

    @Override
    public void sendBatch(List<EncodedText> texts, SendCallback done) {
      writers.add(Thread.currentThread().getName());
      synchronized (this) {
        texts.forEach(t -> received.add(t.text()));
      }
      done.succeeded();
    }

    @Override
    public void close(int code, String reason) {
      throw new AssertionError("closed with " + code + " " + reason);
    }

    @Override
    public String remote() {
      return "lane-test";
    }

    synchronized int count() {
      return received.size();
    }

    synchronized List<String> received() {
      return List.copyOf(received);
    }
  }

  /** A schema-wide subscriber over {@code transport}, with room for every message of a test. */
  private <T extends Transport> T subscribed(T transport) {
    registry.add(
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            transport,
            10_000,
            64 << 20,
            registry));
    return transport;
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void lanesWriteEveryPollToEveryClientInOrderAndTheDispatcherWritesNothing() throws Exception {
    List<ThreadNoting> clients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      clients.add(subscribed(new ThreadNoting()));
    }
    int polls = 40;
    int perPoll = 25;
    try (WriteLanes lanes = new WriteLanes(2, Duration.ofMillis(50))) {
      PollDispatcher dispatcher = new PollDispatcher(registry, lanes);
      long id = 1;
      for (int p = 0; p < polls; p++) {
        for (int d = 0; d < perPoll; d++) {
          dispatcher.dispatch(
              new Delivery(
                  "post", Operation.UPDATE, TestEvents.group(Operation.UPDATE, "tx" + id, 1, id)));
          id++;
        }
        dispatcher.endOfPoll();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (clients.stream().anyMatch(c -> c.count() < polls * perPoll)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    String dispatcherThread = Thread.currentThread().getName();
    for (ThreadNoting c : clients) {
      List<String> got = c.received();
      assertEquals(polls * perPoll, got.size(), "every message once");
      for (int i = 0; i < got.size(); i++) {
        assertTrue(
            got.get(i).contains("\"id\":" + (i + 1) + ","),
            "message " + i + " in dispatch order: " + got.get(i));
      }
      assertFalse(c.writers.contains(dispatcherThread), "written by " + c.writers);
      assertTrue(
          c.writers.stream().allMatch(n -> n.startsWith("fanout-write-")),
          "written by " + c.writers);
    }
  }

  /** Writes that take {@code millis} each, as a saturated node's do. */
  private static final class SlowWrites extends ThreadNoting {
    private final long millis;

    SlowWrites(long millis) {
      this.millis = millis;
    }

    @Override
    public void sendBatch(List<EncodedText> texts, SendCallback done) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.sendBatch(texts, done);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aLaneRestsWhileItsWritesTakeLongerThanItWaitsAndShowsNoRestOnceIdle() throws Exception {
    // 20 clients whose writes take 1 ms each: a pass over all of them is 20 ms or more
    List<SlowWrites> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(subscribed(new SlowWrites(1)));
    }
    int light = 5;
    int busy = 100;
    try (WriteLanes lanes = new WriteLanes(1, Duration.ofMillis(50))) {
      PollDispatcher dispatcher = new PollDispatcher(registry, lanes);

      // light: a poll every 150 ms, far longer than a pass
      double lightMax = 0;
      for (long id = 1; id <= light; id++) {
        dispatcher.dispatch(
            new Delivery("post", Operation.UPDATE, TestEvents.group(Operation.UPDATE, "l", 1, id)));
        dispatcher.endOfPoll();
        Thread.sleep(150);
        lightMax = Math.max(lightMax, lanes.restSeconds());
      }
      assertEquals(0, lightMax, "a lane that keeps up never rests");

      // saturated: a poll every 5 ms, each touching every client again: passes of 20 ms and more
      // follow each other with no wait for work
      double busyMax = 0;
      for (long id = light + 1; id <= light + busy; id++) {
        dispatcher.dispatch(
            new Delivery("post", Operation.UPDATE, TestEvents.group(Operation.UPDATE, "b", 1, id)));
        dispatcher.endOfPoll();
        Thread.sleep(5);
        busyMax = Math.max(busyMax, lanes.restSeconds());
      }
      assertTrue(busyMax >= 0.001, "a saturated lane rests between passes: " + busyMax);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((clients.stream().anyMatch(c -> c.count() < light + busy) || lanes.restSeconds() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, lanes.restSeconds(), "idle again: the gauge shows no rest");
    }
    for (SlowWrites c : clients) {
      List<String> got = c.received();
      assertEquals(light + busy, got.size(), "every message once");
      for (int i = 0; i < got.size(); i++) {
        assertTrue(got.get(i).contains("\"id\":" + (i + 1) + ","), "in order: " + got.get(i));
      }
    }
  }

  @Test
  void withoutLanesTheDispatchingThreadWrites() {
    ThreadNoting t = new ThreadNoting();
    registry.add(
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            t,
            100,
            1 << 20,
            registry));
    PollDispatcher dispatcher = new PollDispatcher(registry, WriteLanes.inline());

    dispatcher.dispatch(
        new Delivery("post", Operation.UPDATE, TestEvents.group(Operation.UPDATE, "tx", 1, 1)));
    assertEquals(0, t.count(), "held until the end of the poll");
    dispatcher.endOfPoll();

    assertEquals(1, t.count());
    assertEquals(Set.of(Thread.currentThread().getName()), t.writers);
  }
}
