package io.fastschema.realtime.fanout.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a session a little behind the live stream is caught up with, and when it cannot be. */
class RecentDeliveriesTest {

  private static final String TOPIC = "fastschema.post";

  private static StreamPosition at(long offset) {
    return new StreamPosition(TOPIC, new long[] {offset}, new String[1]);
  }

  /** The delivery of the record at {@code offset}, leaving the stream after it. */
  private static Delivery at(long offset, long id) {
    return new Delivery(
        "post",
        Operation.CREATE,
        List.of(TestEvents.create(id, "t")),
        at(offset + 1),
        new int[] {0},
        new long[] {offset});
  }

  @Test
  void returnsExactlyTheDeliveriesAtOrAfterThePosition() {
    RecentDeliveries ring = new RecentDeliveries(at(10), 8);
    for (long o = 10; o < 15; o++) {
      ring.add(at(o, o));
    }

    List<Delivery> missed = ring.after(at(12), 100);

    assertEquals(
        List.of(12L, 13L, 14L),
        missed.stream().map(d -> d.events().get(0).key().get("id").asLong()).toList());
    assertEquals(List.of(), ring.after(at(15), 100), "caught up: nothing to send");
  }

  @Test
  void refusesWhenWhatWasMissedIsNoLongerRetainedOrTooMuch() {
    RecentDeliveries ring = new RecentDeliveries(at(0), 4);
    for (long o = 0; o < 10; o++) {
      ring.add(at(o, o)); // keeps offsets 6..9, so it starts at 6
    }

    assertNull(ring.after(at(5), 100), "offset 5 is gone");
    assertEquals(4, ring.after(at(6), 100).size());
    assertNull(ring.after(at(6), 3), "more than the limit: the replay's backpressure is needed");
  }

  @Test
  void isBoundedInEventsSoThatOneHugeStatementCannotHoldMemory() {
    RecentDeliveries ring = new RecentDeliveries(at(0), 4);
    ring.add(at(0, 0));
    List<io.fastschema.realtime.event.RecordEvent> rows = new java.util.ArrayList<>();
    for (long id = 1; id <= 5; id++) {
      rows.add(TestEvents.group(Operation.UPDATE, "tx", 1, id).get(0));
    }
    long[] offsets = {1, 2, 3, 4, 5};
    ring.add(new Delivery("post", Operation.UPDATE, rows, at(6), new int[5], offsets));

    assertEquals(0, ring.events(), "five rows do not fit four: nothing is kept");
    assertNull(ring.after(at(1), 100), "a reader behind the big statement must replay it");
    assertEquals(List.of(), ring.after(at(6), 100));
  }
}
