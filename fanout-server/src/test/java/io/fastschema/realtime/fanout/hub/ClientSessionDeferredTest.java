package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.TestSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A poll's messages to one client go out as one write, after the whole poll was dispatched. */
class ClientSessionDeferredTest {

  private static final Subscription WHOLE_POST =
      new Subscription(TestSchemas.post(), null, null, null, "test.resource");

  private final RecordingTransport transport = new RecordingTransport();
  private final List<ClientSession> ended = new ArrayList<>();

  private ClientSession session(int maxMessages) {
    return new ClientSession(WHOLE_POST, transport, maxMessages, 1 << 20, ended::add);
  }

  @Test
  void deferredMessagesWaitForFlushAndThenLeaveAsOneBatch() {
    ClientSession s = session(100);

    assertTrue(s.enqueueDeferred("m1", null), "the first asks for a flush");
    assertFalse(s.enqueueDeferred("m2", null), "later ones do not ask again");
    assertFalse(s.enqueueDeferred("m3", null));
    assertEquals(List.of(), transport.sent(), "nothing is written before the flush");

    s.flush();

    assertEquals(List.of(List.of("m1", "m2", "m3")), transport.calls(), "one write, three frames");
    assertTrue(s.enqueueDeferred("m4", null), "after a flush, the next asks again");
  }

  @Test
  void flushWhileASendIsInFlightLeavesTheQueueToItsCompletion() {
    ClientSession s = session(100);
    s.enqueue("m1");
    s.enqueueDeferred("m2", null);
    s.enqueueDeferred("m3", null);

    s.flush();
    assertEquals(List.of("m1"), transport.sent(), "never two writes in flight");

    transport.completeNext();
    assertEquals(List.of(List.of("m1"), List.of("m2", "m3")), transport.calls());
  }

  @Test
  void aBatchWorthIsWrittenAtOnceSoThatABigPollCannotOverflowAFastClient() {
    ClientSession s = session(10);
    for (int i = 1; i <= 5; i++) {
      s.enqueueDeferred("m" + i, null); // the 5th fills half the queue
    }
    assertEquals(
        List.of(List.of("m1", "m2", "m3", "m4", "m5")),
        transport.calls(),
        "written before the flush");
    transport.completeNext();
    for (int i = 6; i <= 14; i++) {
      s.enqueueDeferred("m" + i, null);
      if (transport.inFlight() > 0) {
        transport.completeNext(); // a client that keeps up
      }
    }
    s.flush();
    transport.completeNext();
    assertTrue(ended.isEmpty(), "14 messages through a queue of 10, never overflowed");
    assertEquals(14, transport.sent().size());
  }

  @Test
  void deferredOverflowClosesWith4008LikeAnyOther() {
    ClientSession s = session(2);
    s.enqueue("m0"); // in flight, never completed: the client reads nothing
    s.enqueueDeferred("m1", null);
    s.enqueueDeferred("m2", null);
    s.enqueueDeferred("m3", null);

    assertEquals(4008, transport.closes().get(0).code());
    assertEquals(List.of(s), ended);
    s.flush();
    assertEquals(List.of("m0"), transport.sent(), "a closed session writes nothing more");
  }
}
