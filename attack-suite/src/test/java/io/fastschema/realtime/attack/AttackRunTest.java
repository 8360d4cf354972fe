package io.fastschema.realtime.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the attack run: the program starts its stack, runs a few quick attacks, and
 * reports each in the table. The whole run is the command in README ("Reliability: hostile
 * clients"); it takes longer than a test should.
 */
class AttackRunTest {

  @Test
  void quickAttacksRunAgainstAStartedStackAndAreTabulated() throws Exception {
    List<Attack> quick =
        Attacks.all().stream()
            .filter(
                a ->
                    a.name().startsWith("8 `/metrics`")
                        || a.name().startsWith("9 cookie")
                        || a.name().startsWith("7 offer extensions")
                        || a.name().startsWith("10 "))
            .toList();
    assertEquals(4, quick.size(), "the quick attacks are still in the run");

    List<Attack.Result> results = AttackRun.run(quick);

    String table = ResultsTable.markdown(results);
    for (Attack.Result r : results) {
      assertTrue(r.passed(), r.name() + ": " + r.observed());
      assertTrue(table.contains(r.name()), table);
    }
    assertTrue(table.endsWith("4 of 4 passed."), table);
  }
}
