package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a write lane rests between passes: only while it works more than it idles. */
class WriteLingerTest {

  private static final long MS = 1_000_000L;

  @Test
  void aLaneThatKeepsUpNeverRests() {
    WriteLinger linger = new WriteLinger(Duration.ofMillis(50));
    // short passes back to back (work always waiting), and longer passes with idle time around them
    for (int i = 0; i < 100; i++) {
      assertEquals(0, linger.afterPass(MS / 2, 0), "a pass under 1 ms, pass " + i);
      assertEquals(0, linger.afterPass(3 * MS, 4 * MS), "a pass shorter than the idle before it");
    }
  }

  @Test
  void aBusyLaneRestsLongerUntilItRestsAboutAsLongAsItWorks() {
    WriteLinger linger = new WriteLinger(Duration.ofMillis(50));
    assertEquals(1 * MS, linger.afterPass(5 * MS, 0));
    assertEquals(2 * MS, linger.afterPass(5 * MS, 0));
    assertEquals(4 * MS, linger.afterPass(5 * MS, 0));
    assertEquals(8 * MS, linger.afterPass(5 * MS, 0));
    // 5 ms of work after an 8 ms rest: neither busier than idle nor idle: the rest stays
    assertEquals(8 * MS, linger.afterPass(5 * MS, 0));
    assertEquals(8 * MS, linger.afterPass(3 * MS, 0));
  }

  @Test
  void theRestNeverPassesTheMaximumAndZeroTurnsItOff() {
    WriteLinger capped = new WriteLinger(Duration.ofMillis(3));
    long last = 0;
    for (int i = 0; i < 10; i++) {
      last = capped.afterPass(100 * MS, 0);
    }
    assertEquals(3 * MS, last);

    WriteLinger off = new WriteLinger(Duration.ZERO);
    for (int i = 0; i < 10; i++) {
      assertEquals(0, off.afterPass(100 * MS, 0));
    }
  }

  @Test
  void aLaneThatWaitedForWorkLongerThanItRestsStopsRestingAtOnce() {
    WriteLinger linger = saturated();
    assertEquals(50 * MS, linger.rest());

    assertEquals(0, linger.afterPass(MS / 10, 60 * MS), "waited 60 ms for work");
  }

  @Test
  void theMetricShowsNoRestWhileTheLaneWaitsForWork() {
    WriteLinger linger = new WriteLinger(Duration.ofMillis(50));
    linger.afterPass(5 * MS, 0);
    assertEquals(1 * MS, linger.restNow());

    linger.waiting(true);
    assertEquals(0, linger.restNow(), "nothing to write: not saturated");
    linger.waiting(false);
    assertEquals(1 * MS, linger.restNow());
  }

  @Test
  void aLaneThatBecomesIdleStopsRestingWithinAFewPasses() {
    WriteLinger linger = saturated();
    assertEquals(50 * MS, linger.rest());
    // light work now: each pass far shorter than the rest before it
    assertEquals(25 * MS, linger.afterPass(MS / 10, 0));
    assertEquals(12_500_000L, linger.afterPass(MS / 10, 0));
    long rest = linger.rest();
    int passes = 0;
    while (rest > 0) {
      rest = linger.afterPass(MS / 10, 0);
      passes++;
    }
    assertEquals(6, passes, "12.5 ms halves to 0 below 250 µs");
  }

  /** A lane with a 50 ms maximum after ten passes of 200 ms with no wait between them. */
  private static WriteLinger saturated() {
    WriteLinger linger = new WriteLinger(Duration.ofMillis(50));
    for (int i = 0; i < 10; i++) {
      linger.afterPass(200 * MS, 0);
    }
    return linger;
  }
}
