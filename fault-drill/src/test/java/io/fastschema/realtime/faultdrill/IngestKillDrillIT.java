package io.fastschema.realtime.faultdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast variant of the fault drill that runs in {@code mvn verify}: the ingest kill -9 scenario
 * with 2,000 rows on the real processes (PostgreSQL, Kafka broker JVM, two cdc-ingest.jar, two
 * fanout-server.jar), once with one INSERT per transaction, once with COPY batches of 5 rows
 * (changes sharing one WAL position, whose event ids once collided), and once with 2,000
 * primary-key changes (each a delete and a create at one WAL position). The full drill is the
 * {@link FaultDrill} main class (FAULTS.md).
 */
class IngestKillDrillIT {

  @Test
  void killingTheStreamingIngestLosesNothingAndDuplicatesNothing() {
    List<ScenarioResult> results =
        FaultDrill.run(
            DrillSettings.parse(
                "scenarios=ingest-kill,ingest-kill-copy,ingest-kill-rekey",
                "rows=2000",
                "out=target/results/ingest-kill-it.json"));

    System.out.print(DrillReport.table(results));
    assertEquals(3, results.size());
    for (ScenarioResult r : results) {
      assertEquals(2000, r.written(), r.toString());
      assertEquals(0, r.lost(), r.toString());
      assertEquals(0, r.duplicates(), r.toString());
      assertEquals(0, r.unexpected(), r.toString());
      assertEquals("PASSED", r.status(), r.toString());
    }
  }
}
