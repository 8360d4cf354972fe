package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.fanout.TestSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Write coalescing: what queues behind a send in flight leaves as one batch when it completes, in
 * order, bounded in size, with the queue's bounds and its 4008 overflow as before.
 */
class ClientSessionBatchTest {

  private static final Subscription WHOLE_POST =
      new Subscription(TestSchemas.post(), null, null, null, "test.resource");

  private final RecordingTransport transport = new RecordingTransport();
  private final List<ClientSession> ended = new CopyOnWriteArrayList<>();

  private ClientSession session(int maxMessages, long maxBytes) {
    return new ClientSession(WHOLE_POST, transport, maxMessages, maxBytes, ended::add);
  }

  @Test
  void messagesQueuedDuringABatchLeaveInTheNextBatchInOrder() {
    ClientSession s = session(100, 1 << 20);
    s.enqueue("a");
    s.enqueue("b");
    s.enqueue("c");
    transport.completeNext(); // "a" done: [b, c] goes
    s.enqueue("d");
    s.enqueue("e");
    transport.completeNext(); // [b, c] done: [d, e] goes
    transport.completeNext();
    s.enqueue("f"); // idle again: alone, at once

    assertEquals(
        List.of(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f")),
        transport.calls());
    assertEquals(1, transport.maxInFlight());
  }

  @Test
  void aBatchTakesAtMostMaxBatchCharsAndTheRestFollowsInTheNext() {
    ClientSession s = session(1000, 1 << 22);
    String kilobyte = "x".repeat(1024);
    s.enqueue("first");
    List<String> expected = new ArrayList<>(List.of("first"));
    for (int i = 0; i < 100; i++) { // 100 KiB queued behind the first send
      String m = i + kilobyte;
      s.enqueue(m);
      expected.add(m);
    }
    transport.completeAll();
    while (transport.inFlight() > 0) {
      transport.completeAll();
    }

    List<List<String>> calls = transport.calls();
    assertEquals(expected, transport.sent(), "every message once, in order");
    assertEquals(3, calls.size(), "the first send, then two batches: " + sizes(calls));
    for (List<String> batch : calls) {
      assertTrue(chars(batch) <= ClientSession.MAX_BATCH_BYTES, "batch of " + chars(batch));
    }
  }

  @Test
  void aMessageLargerThanABatchStillGoesAlone() {
    ClientSession s = session(100, 1 << 22);
    String huge = "h".repeat(ClientSession.MAX_BATCH_BYTES + 1);
    s.enqueue("first");
    s.enqueue(huge);
    s.enqueue("after");
    transport.completeNext();
    transport.completeNext();
    transport.completeNext();

    assertEquals(List.of(List.of("first"), List.of(huge), List.of("after")), transport.calls());
  }

  @Test
  void aBatchInFlightHasLeftTheQueueAndItsBounds() {
    SubscriptionRegistry registry =
        new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    ClientSession s = new ClientSession(WHOLE_POST, transport, 2, 1 << 20, registry);
    registry.add(s);
    s.enqueue("m1");
    s.enqueue("q1");
    s.enqueue("q2");
    transport.completeNext(); // [q1, q2] in flight, the queue is empty again
    s.enqueue("q3");
    s.enqueue("q4");
    assertTrue(transport.closes().isEmpty(), "two queued behind a batch fit a bound of two");

    s.enqueue("q5");
    transport.completeAll();

    assertEquals(List.of(new RecordingTransport.Close(4008, "slow consumer")), transport.closes());
    assertEquals(
        List.of(List.of("m1"), List.of("q1", "q2")),
        transport.calls(),
        "nothing is sent after the overflow, not even when the batch in flight completes");
    assertEquals(0, registry.size(), "the slow session is unregistered");
  }

  @Test
  void queueBoundInBytesCountsOnlyWhatIsNotInFlight() {
    ClientSession s = session(100, 10);
    s.enqueue("0123456789");
    s.enqueue("abcde");
    s.enqueue("fghij");
    transport.completeNext(); // the 10 queued bytes leave as a batch
    s.enqueue("0123456789"); // exactly the bound again
    assertTrue(transport.closes().isEmpty());

    s.enqueue("!");

    assertEquals(List.of(new RecordingTransport.Close(4008, "slow consumer")), transport.closes());
    assertEquals(List.of(s), ended);
  }

  @Test
  void failedBatchEndsTheSessionDropsTheQueueAndSendsNothingMore() {
    SubscriptionRegistry registry =
        new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    ClientSession s = new ClientSession(WHOLE_POST, transport, 100, 1 << 20, registry);
    registry.add(s);
    s.enqueue("m1");
    s.enqueue("b1");
    s.enqueue("b2");
    transport.completeNext(); // [b1, b2] in flight
    s.enqueue("queued");

    transport.failNext(new IOException("connection reset"));
    s.enqueue("late");

    assertEquals(List.of(List.of("m1"), List.of("b1", "b2")), transport.calls());
    assertEquals(0, transport.inFlight());
    assertEquals(0, s.queuedMessages());
    assertEquals(0, registry.size(), "the session is unregistered");
    assertTrue(transport.closes().isEmpty(), "the connection already failed; no close is sent");
  }

  @Test
  void transportCompletingBatchesSynchronouslyDeliversEverythingInOrder() {
    RecordingTransport sync = RecordingTransport.autoCompleting();
    ClientSession s = new ClientSession(WHOLE_POST, sync, 10, 1 << 20, ended::add);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      s.enqueue("m" + i);
      expected.add("m" + i);
    }

    assertEquals(expected, sync.sent());
    assertEquals(0, s.queuedMessages());
    assertTrue(sync.closes().isEmpty());
  }

  private static int chars(List<String> batch) {
    return batch.stream().mapToInt(String::length).sum();
  }

  private static List<Integer> sizes(List<List<String>> calls) {
    return calls.stream().map(List::size).toList();
  }
}
