package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.TestSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The per-connection queue: one send in flight, FIFO, bounded, and silent once closed. */
class ClientSessionTest {

  private static final Subscription WHOLE_POST =
      new Subscription(TestSchemas.post(), null, null, null, "test.resource");

  private final RecordingTransport transport = new RecordingTransport();
  private final List<ClientSession> ended = new CopyOnWriteArrayList<>();

  private ClientSession session(int maxMessages, long maxBytes) {
    return new ClientSession(WHOLE_POST, transport, maxMessages, maxBytes, ended::add);
  }

  @Test
  void firstMessageIsSentAtOnceAndWhatQueuesBehindItLeavesAsOneBatchWhenItCompletes() {
    ClientSession s = session(100, 1 << 20);

    s.enqueue("m1");
    s.enqueue("m2");
    s.enqueue("m3");

    assertEquals(List.of("m1"), transport.sent(), "only the first message may be in flight");
    assertEquals(2, s.queuedMessages());
    transport.completeNext();
    assertEquals(
        List.of(List.of("m1"), List.of("m2", "m3")),
        transport.calls(),
        "everything queued behind the first send leaves in one batch");
    assertEquals(0, s.queuedMessages());
    transport.completeNext();
    assertEquals(1, transport.maxInFlight(), "never two sends in flight");
    assertEquals(0, transport.inFlight());
  }

  @Test
  void idleSessionSendsTheNextEnqueuedMessageAtOnce() {
    ClientSession s = session(100, 1 << 20);
    s.enqueue("m1");
    transport.completeNext();
    assertEquals(0, transport.inFlight());

    s.enqueue("m2");

    assertEquals(List.of("m1", "m2"), transport.sent(), "a completed send leaves the session idle");
  }

  @Test
  void messagesAreSentInEnqueueOrder() {
    ClientSession s = session(1000, 1 << 20);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      s.enqueue("m" + i);
      expected.add("m" + i);
      if (i % 7 == 0) {
        transport.completeNext(); // completions interleaved with enqueues
      }
    }
    transport.completeAll();

    assertEquals(expected, transport.sent());
    assertEquals(1, transport.maxInFlight());
  }

  @Test
  void transportCompletingSynchronouslyStillDeliversEverythingInOrder() {
    RecordingTransport sync = RecordingTransport.autoCompleting();
    ClientSession s = new ClientSession(WHOLE_POST, sync, 10, 1 << 20, ended::add);

    for (int i = 0; i < 50; i++) {
      s.enqueue("m" + i);
    }

    assertEquals(50, sync.sendCount());
    assertEquals("m49", sync.sent().get(49));
    assertEquals(0, s.queuedMessages());
    assertTrue(sync.closes().isEmpty(), "a fast client is never closed");
  }

  @Test
  void queueFullByMessageCountClosesWithSlowConsumerCodeAndUnregisters() {
    SubscriptionRegistry registry =
        new SubscriptionRegistry(
            new MessageEncoder(new com.fasterxml.jackson.databind.ObjectMapper()));
    ClientSession s = new ClientSession(WHOLE_POST, transport, 2, 1 << 20, registry);
    registry.add(s);
    s.enqueue("in-flight"); // not counted: it left the queue
    s.enqueue("q1");
    s.enqueue("q2");
    assertTrue(transport.closes().isEmpty(), "two queued messages fit a bound of two");

    s.enqueue("q3");

    assertEquals(List.of(new RecordingTransport.Close(4008, "slow consumer")), transport.closes());
    assertEquals(0, registry.size(), "the slow session is unregistered");
    assertEquals(0, s.queuedMessages(), "its queue is dropped");
  }

  @Test
  void queueFullByBytesClosesWithSlowConsumerCode() {
    ClientSession s = session(100, 10);
    s.enqueue("0123456789"); // in flight: leaves the queue, so it does not count
    s.enqueue("abcdef");
    s.enqueue("ghij"); // 6 + 4 = 10 bytes: exactly the bound
    assertTrue(transport.closes().isEmpty(), "a queue of exactly maxBytes is allowed");

    s.enqueue("k");

    assertEquals(List.of(new RecordingTransport.Close(4008, "slow consumer")), transport.closes());
    assertEquals(List.of(s), ended, "the listener hears of the end once");
  }

  @Test
  void bytesOfSentMessagesAreReleasedFromTheBound() {
    ClientSession s = session(100, 10);
    s.enqueue("first");
    for (int i = 0; i < 20; i++) {
      s.enqueue("123456789"); // 9 bytes: only fits because the previous one left the queue
      transport.completeNext();
    }
    transport.completeAll();

    assertTrue(
        transport.closes().isEmpty(), "sent messages no longer count: " + transport.closes());
    assertEquals(21, transport.sendCount());
  }

  @Test
  void nothingIsSentAfterOverflowNotEvenWhenTheInFlightSendCompletes() {
    ClientSession s = session(1, 1 << 20);
    s.enqueue("in-flight");
    s.enqueue("queued");
    s.enqueue("overflow");

    transport.completeNext();
    s.enqueue("late");
    transport.completeAll();

    assertEquals(List.of("in-flight"), transport.sent());
    assertEquals(1, transport.closes().size(), "closed once");
  }

  @Test
  void serverCloseSendsCodeAndFittedReasonAndNothingAfterwards() {
    ClientSession s = session(100, 1 << 20);
    s.enqueue("in-flight");
    s.enqueue("queued-1");
    s.enqueue("queued-2");

    s.close(CloseReason.GOING_AWAY, "node draining " + "x".repeat(200));
    transport.completeNext();
    s.enqueue("after-close");
    transport.completeAll();

    assertEquals(List.of("in-flight"), transport.sent(), "queued messages are dropped on close");
    assertEquals(1, transport.closes().size());
    RecordingTransport.Close close = transport.closes().get(0);
    assertEquals(1001, close.code());
    assertTrue(close.reason().startsWith("node draining "), close.reason());
    assertTrue(
        close.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123,
        "the reason must fit a close frame");
    assertEquals(List.of(s), ended);
  }

  @Test
  void failedSendEndsTheSessionAndDropsTheQueue() {
    SubscriptionRegistry registry =
        new SubscriptionRegistry(
            new MessageEncoder(new com.fasterxml.jackson.databind.ObjectMapper()));
    ClientSession s = new ClientSession(WHOLE_POST, transport, 100, 1 << 20, registry);
    registry.add(s);
    s.enqueue("m1");
    s.enqueue("m2");

    transport.failNext(new IOException("connection reset"));
    s.enqueue("m3");

    assertEquals(List.of("m1"), transport.sent(), "nothing is sent after a failed send");
    assertEquals(0, transport.inFlight());
    assertEquals(0, s.queuedMessages());
    assertEquals(0, registry.size(), "the session is unregistered");
  }

  @Test
  void connectionEndedByPeerDropsQueueAndSendsNothingMore() {
    ClientSession s = session(100, 1 << 20);
    s.enqueue("m1");
    s.enqueue("m2");

    s.ended();
    transport.completeNext();
    s.enqueue("m3");

    assertEquals(List.of("m1"), transport.sent());
    assertTrue(transport.closes().isEmpty(), "the peer already closed; no close is sent back");
    assertEquals(List.of(s), ended);
  }

  @Test
  void sessionsHaveDistinctIds() {
    assertNotEquals(session(1, 1).id(), session(1, 1).id());
  }
}
