package io.fastschema.realtime.faultdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast variant of the fault drill that runs in {@code mvn verify}: the ingest kill -9 scenario
 * with 2,000 rows on the real processes (PostgreSQL, Kafka broker JVM, two cdc-ingest.jar, two
 * fanout-server.jar), once with one INSERT per transaction, once with COPY batches of 5 rows
 * (changes sharing one WAL position, whose event ids once collided), and once with 2,000
 * primary-key changes (each a delete and a create at one WAL position); and on MariaDB (ingest with
 * {@code DB_DRIVER=mysql}, GET_LOCK between the two) the ingest kill and a kill -9 and restart of
 * the MariaDB server. The full drill is the {@link FaultDrill} main class (FAULTS.md).
 */
class IngestKillDrillIT {

  @Test
  void killingTheStreamingIngestLosesNothingAndDuplicatesNothing() {
    runAndExpectEveryRowOnce(
        3,
        "scenarios=ingest-kill,ingest-kill-copy,ingest-kill-rekey",
        "out=target/results/ingest-kill-it.json");
  }

  @Test
  void onMariaDbKillingTheStreamingIngestOrTheServerLosesNothingAndDuplicatesNothing() {
    runAndExpectEveryRowOnce(
        2,
        "database=mariadb",
        "scenarios=ingest-kill,mariadb-kill",
        "out=target/results/mariadb-kill-it.json");
  }

  /** Runs the drill with 2,000 rows per scenario and {@code settings}; every scenario passes. */
  private static void runAndExpectEveryRowOnce(int scenarios, String... settings) {
    List<String> args = new java.util.ArrayList<>(List.of(settings));
    args.add("rows=2000");
    List<ScenarioResult> results = FaultDrill.run(DrillSettings.parse(args.toArray(String[]::new)));
    System.out.print(DrillReport.table(results));
    assertEquals(scenarios, results.size());
    assertAllPassed(results);
  }

  private static void assertAllPassed(List<ScenarioResult> results) {
    for (ScenarioResult r : results) {
      assertEquals(2000, r.written(), r.toString());
      assertEquals(0, r.lost(), r.toString());
      assertEquals(0, r.duplicates(), r.toString());
      assertEquals(0, r.unexpected(), r.toString());
      assertEquals("PASSED", r.status(), r.toString());
    }
  }
}
