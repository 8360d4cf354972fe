package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.filter.RangeKey;
import io.fastschema.realtime.filter.RowFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The interval index finds exactly the groups whose interval contains a value, through builds, the
 * groups added since, removals, unbounded sides, inclusive and exclusive bounds and empty
 * intervals: checked against a linear scan at every step.
 */
class IntervalIndexTest {

  private static final String[] LOWER = {"$gt", "$gte"};
  private static final String[] UPPER = {"$lt", "$lte"};

  private static String randomFilter(Random r) {
    int a = r.nextInt(40) - 5;
    int b = a + r.nextInt(12) - 2;
    return switch (r.nextInt(4)) {
      case 0 -> "{\"views\":{\"" + LOWER[r.nextInt(2)] + "\":" + a + "}}";
      case 1 -> "{\"views\":{\"" + UPPER[r.nextInt(2)] + "\":" + b + "}}";
      default ->
          "{\"views\":{\""
              + LOWER[r.nextInt(2)]
              + "\":"
              + a
              + ",\""
              + UPPER[r.nextInt(2)]
              + "\":"
              + b
              + "}}";
    };
  }

  @RepeatedTest(4)
  void findsExactlyTheContainingIntervals(RepetitionInfo repetition) throws Exception {
    Random random = new Random(0x1A7E_0000L + repetition.getCurrentRepetition());
    IntervalIndex index = null;
    List<ViewGroup> live = new ArrayList<>();
    for (int step = 0; step < 3000; step++) {
      // Mostly adds, then a phase of mostly removals (which rebuilds everything once half is gone).
      int addPercent = step < 2000 ? 70 : 20;
      if (live.isEmpty() || random.nextInt(100) < addPercent) {
        String filter = randomFilter(random) + " ".repeat(step % 3); // distinct views
        ViewGroup group =
            new ViewGroup(
                new SubscriptionView(
                    filter + step, "", RowFilter.parse(filter, TestSchemas.post()), null));
        RangeKey key = group.rangeKey();
        if (index == null) {
          index = new IntervalIndex(key);
        }
        index.add(group, key);
        live.add(group);
      } else {
        index.remove(live.remove(random.nextInt(live.size())));
      }
      if (step % 25 == 0) {
        for (long v = -8; v <= 50; v++) {
          Set<ViewGroup> expected = new HashSet<>();
          for (ViewGroup g : live) {
            if (g.rangeKey().contains(v)) {
              expected.add(g);
            }
          }
          List<ViewGroup> found = new ArrayList<>();
          index.forEachContaining(v, found::add);
          assertEquals(expected.size(), found.size(), "value " + v + " at step " + step);
          assertEquals(expected, new HashSet<>(found), "value " + v + " at step " + step);
        }
      }
    }
  }
}
