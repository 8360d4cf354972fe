package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.TestSchemas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 1: clients that never read each stay under their own bound, but together they must
 * stay under the node's; echoes have a lower bound of their own.
 */
class NodeQueueBudgetTest {

  private static final Subscription WHOLE_POST =
      new Subscription(TestSchemas.post(), null, null, null, "test.resource");

  private final Set<ClientSession> open = new CopyOnWriteArraySet<>();
  private final List<ClientSession> ended = new CopyOnWriteArrayList<>();
  private final Counter evictions =
      Counter.builder("evictions").register(new SimpleMeterRegistry());
  private final NodeQueueBudget budget = new NodeQueueBudget(1000, open::forEach, evictions);

  private ClientSession session(RecordingTransport transport, long maxEchoBytes) {
    ClientSession s =
        new ClientSession(
            WHOLE_POST,
            transport,
            new QueueBounds(1000, 800, maxEchoBytes, budget),
            new ClientSession.SessionListener() {
              @Override
              public void sessionEnded(ClientSession session) {
                open.remove(session);
                ended.add(session);
              }
            });
    open.add(s);
    return s;
  }

  private static String chars(int n) {
    return "x".repeat(n);
  }

  @Test
  void reachingTheNodeBoundClosesTheLargestHolderWith4008AndAdmitsTheMessage() {
    RecordingTransport bigT = new RecordingTransport();
    RecordingTransport smallT = new RecordingTransport();
    ClientSession big = session(bigT, 800);
    ClientSession small = session(smallT, 800);
    big.enqueue(chars(300), null); // in flight, never completed: the client does not read
    big.enqueue(chars(400), null); // queued
    small.enqueue(chars(100), null);
    assertEquals(800, budget.used());

    small.enqueue(chars(250), null); // 1050 > 1000

    assertEquals(1, bigT.closes().size(), "the largest holder is closed");
    assertEquals(CloseReason.SLOW_CONSUMER.code(), bigT.closes().get(0).code());
    assertTrue(small.isOpen(), "the asking session is not the largest: its message is admitted");
    assertEquals(1.0, evictions.count());
    assertEquals(300 + 100 + 250, budget.used(), "the evicted queue is given back, its send not");
    assertTrue(budget.used() <= budget.limit());
    bigT.failNext(new java.io.IOException("closed"));
    assertEquals(350, budget.used(), "a send gives its units back once Jetty lets go of it");
  }

  @Test
  void theLargestHolderAskingForMoreIsItselfClosed() {
    RecordingTransport bigT = new RecordingTransport();
    RecordingTransport smallT = new RecordingTransport();
    ClientSession big = session(bigT, 800);
    session(smallT, 800).enqueue(chars(100), null);
    big.enqueue(chars(500), null);
    big.enqueue(chars(300), null);

    big.enqueue(chars(200), null);

    assertFalse(big.isOpen());
    assertEquals(CloseReason.SLOW_CONSUMER.code(), bigT.closes().get(0).code());
    assertTrue(smallT.closes().isEmpty(), "a smaller holder is left alone");
    assertTrue(budget.used() <= budget.limit());
  }

  @Test
  void echoesStopAtTheEchoBoundWhileEventsMayQueueFurther() {
    RecordingTransport echoT = new RecordingTransport();
    ClientSession echoing = session(echoT, 200);
    echoing.enqueue(chars(150)); // in flight
    echoing.enqueue(chars(150)); // queued: 150 <= 200
    assertTrue(echoing.isOpen());
    echoing.enqueue(chars(150)); // 300 > 200

    assertFalse(echoing.isOpen());
    assertEquals(CloseReason.SLOW_CONSUMER.code(), echoT.closes().get(0).code());

    ClientSession events = session(new RecordingTransport(), 200);
    events.enqueue(chars(150), null);
    events.enqueue(chars(150), null);
    events.enqueue(chars(150), null);
    assertTrue(events.isOpen(), "events have the session's own, larger bound");
  }

  @Test
  void newSessionsAreRefusedPastThreeQuartersOfTheBound() {
    ClientSession s = session(new RecordingTransport(), 800);
    s.enqueue(chars(700), null);
    assertTrue(budget.admitsNewSessions());
    s.enqueue(chars(60), null);
    assertFalse(budget.admitsNewSessions(), "760 of 1000 used");
  }

  @Test
  void everythingIsGivenBackOnceSendsCompleteAndSessionsEnd() {
    RecordingTransport t = RecordingTransport.autoCompleting();
    ClientSession s = session(t, 800);
    for (int i = 0; i < 50; i++) {
      s.enqueue(chars(90), null);
      s.enqueue(chars(20));
    }
    assertEquals(0, budget.used());
    RecordingTransport stuck = new RecordingTransport();
    ClientSession other = session(stuck, 800);
    other.enqueue(chars(100), null);
    other.enqueue(chars(100), null);
    other.ended();
    stuck.failNext(new java.io.IOException("gone"));
    assertEquals(0, budget.used());
  }
}
