package io.fastschema.realtime.fanout.hub;

import static io.fastschema.realtime.fanout.hub.ClientSession.FlushNeed.END_OF_POLL;
import static io.fastschema.realtime.fanout.hub.ClientSession.FlushNeed.NONE;
import static io.fastschema.realtime.fanout.hub.ClientSession.FlushNeed.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.EncodedText;
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

  private static ClientSession.FlushNeed defer(ClientSession s, String message) {
    return s.enqueueDeferred(EncodedText.of(message), null);
  }

  @Test
  void deferredMessagesWaitForFlushAndThenLeaveAsOneBatch() {
    ClientSession s = session(100);

    assertEquals(END_OF_POLL, defer(s, "m1"), "the first asks for a flush");
    assertEquals(NONE, defer(s, "m2"), "later ones do not ask again");
    assertEquals(NONE, defer(s, "m3"));
    assertEquals(List.of(), transport.sent(), "nothing is written before the flush");

    s.flush();

    assertEquals(List.of(List.of("m1", "m2", "m3")), transport.calls(), "one write, three frames");
    assertEquals(END_OF_POLL, defer(s, "m4"), "after a flush, the next asks again");
  }

  @Test
  void flushWhileASendIsInFlightLeavesTheQueueToItsCompletion() {
    ClientSession s = session(100);
    s.enqueue("m1");
    defer(s, "m2");
    defer(s, "m3");

    s.flush();
    assertEquals(List.of("m1"), transport.sent(), "never two writes in flight");

    transport.completeNext();
    assertEquals(List.of(List.of("m1"), List.of("m2", "m3")), transport.calls());
  }

  @Test
  void aBatchWorthIsWrittenAtOnceSoThatABigPollCannotOverflowAFastClient() {
    ClientSession s = session(10);
    for (int i = 1; i <= 4; i++) {
      assertNotEquals(NOW, defer(s, "m" + i));
    }
    assertEquals(NOW, defer(s, "m5"), "the 5th fills half the queue: flush before the poll ends");
    assertEquals(NONE, defer(s, "m6"), "asked once until the flush runs");
    s.flush();
    assertEquals(
        List.of(List.of("m1", "m2", "m3", "m4", "m5", "m6")),
        transport.calls(),
        "written before the end of the poll");
    transport.completeNext();
    for (int i = 7; i <= 14; i++) {
      if (defer(s, "m" + i) == NOW) {
        s.flush();
      }
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
    defer(s, "m1");
    defer(s, "m2");
    defer(s, "m3");

    assertEquals(4008, transport.closes().get(0).code());
    assertEquals(List.of(s), ended);
    s.flush();
    assertEquals(List.of("m0"), transport.sent(), "a closed session writes nothing more");
  }
}
