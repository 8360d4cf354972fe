package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.CursorKey;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a resumable session hands back when the server closes it: the position of what was written
 * to it (or passed it by), so that resuming there neither repeats nor skips.
 */
class ClientSessionResumeTest {

  private static final String TOPIC = "fastschema.post";
  private static final CursorBinding BINDING = CursorKey.derive(new byte[32]).bind(null, TOPIC);
  private static final Subscription RESUMABLE =
      new Subscription(
          TestSchemas.post(),
          null,
          null,
          null,
          "test.resource",
          SubscriptionView.ALL,
          ResumeRequest.now(BINDING));

  private final RecordingTransport transport = new RecordingTransport();
  private final List<ClientSession> ended = new ArrayList<>();

  private static StreamPosition at(long offset) {
    return new StreamPosition(TOPIC, new long[] {offset}, new String[1]);
  }

  private ClientSession session(int maxMessages) {
    ClientSession s = new ClientSession(RESUMABLE, transport, maxMessages, 1 << 20, ended::add);
    s.startAt(at(10), null);
    return s;
  }

  private String closeReason() {
    return transport.closes().get(0).reason();
  }

  @Test
  void slowConsumerCloseCarriesTheCursorOfTheMessageInFlightNotOfTheDroppedOnes() {
    ClientSession s = session(2);
    s.enqueue("m1", at(11)); // in flight: it goes out before the close frame
    s.enqueue("m2", at(12));
    s.enqueue("m3", at(13));
    s.enqueue("m4", at(14)); // overflow

    assertEquals(4008, transport.closes().get(0).code());
    assertEquals("slow consumer since=" + at(11).cursor(BINDING), closeReason());
  }

  @Test
  void goingAwayCarriesTheCursorOfTheLastWrittenMessage() {
    ClientSession s = session(10);
    s.enqueue("m1", at(11));
    transport.completeNext();
    s.enqueue("m2", at(12));
    transport.completeNext();

    s.close(CloseReason.GOING_AWAY, "node shutting down");

    assertEquals("node shutting down since=" + at(12).cursor(BINDING), closeReason());
  }

  @Test
  void deliveriesThatPassAnIdleSessionByMoveItsCursorOnButNotPastQueuedMessages() {
    ClientSession s = session(10);
    s.passed(at(20)); // idle: everything below 20 has been dealt with
    s.enqueue("m1", at(21));
    s.passed(at(22)); // m1 still in flight: the client has not got everything below 22
    assertEquals(at(20), s.served());

    transport.completeNext();
    assertEquals(at(21), s.served());
    s.passed(at(22));
    assertEquals(at(22), s.served());
  }

  @Test
  void otherClosesAndPlainSessionsCarryNoCursor() {
    ClientSession s = session(10);
    s.close(CloseReason.FORBIDDEN, "[403] Forbidden");
    assertEquals("[403] Forbidden", closeReason());

    RecordingTransport plainTransport = new RecordingTransport();
    ClientSession plain =
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            plainTransport,
            10,
            1 << 20,
            ended::add);
    assertFalse(plain.resumable());
    plain.close(CloseReason.GOING_AWAY, "node shutting down");
    assertEquals("node shutting down", plainTransport.closes().get(0).reason());
  }

  @Test
  void aCursorThatWouldNotFitACloseFrameIsLeftOut() {
    ClientSession s = session(10);
    long[] offsets = new long[40];
    java.util.Arrays.fill(offsets, 1L << 40);
    s.startAt(new StreamPosition(TOPIC, offsets, new String[40]), null);

    s.close(CloseReason.GOING_AWAY, "node shutting down");

    assertEquals("node shutting down", closeReason(), "the client uses its last message's cursor");
  }

  @Test
  void afterAHandOverDeliveriesTheReplaySentAreSkippedUntilTheLiveStreamPassesIt() {
    ClientSession s = session(10);
    s.startAt(at(10), at(15));
    Delivery replayed =
        new Delivery(
            "post",
            io.fastschema.realtime.event.Operation.CREATE,
            List.of(TestEvents.create(1, "a")),
            at(15),
            new int[] {0},
            new long[] {14});
    Delivery fresh =
        new Delivery(
            "post",
            io.fastschema.realtime.event.Operation.CREATE,
            List.of(TestEvents.create(2, "b")),
            at(16),
            new int[] {0},
            new long[] {15});

    assertTrue(s.replayedAlready(replayed));
    assertFalse(s.replayedAlready(fresh));
    assertFalse(s.replayedAlready(replayed), "once passed, the check is off");
  }
}
