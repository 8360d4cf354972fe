package io.fastschema.realtime.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelationLoadTableTest {

  @Test
  void mediansPerVariantAndRatiosRelationOverScalarButScalarOverRelationForThroughput() {
    List<RelationLoadResult> runs =
        List.of(
            run(RelationLoadSubscriptions.SCALAR, 1, 0.2, 100, 9000),
            run(RelationLoadSubscriptions.RELATION, 2, 0.3, 140, 6000),
            run(RelationLoadSubscriptions.SCALAR, 3, 0.4, 300, 10000),
            run(RelationLoadSubscriptions.RELATION, 4, 0.9, 160, 8000),
            run(RelationLoadSubscriptions.SCALAR, 5, 0.3, 200, 8000));
    RelationLoadTable table = new RelationLoadTable(runs);

    @SuppressWarnings("unchecked")
    Map<String, Object> cpu =
        (Map<String, Object>) table.mediansJson().get("fanout CPU ms per 1,000 changes");
    assertEquals(200.0, cpu.get("scalar"));
    assertEquals(150.0, cpu.get("relation"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("| fanout CPU ms per 1,000 changes | 200 | 150 | 0.75 |"), text);
    // msg/s: higher is better, so scalar (median 9000) over relation (median 7000)
    assertTrue(text.contains("| delivered msg/s | 9000 | 7000 | 1.29 |"), text);
    // no queries beyond the writers in either variant: no ratio of zeros
    assertTrue(text.contains("| DB transactions/s beyond the writers | 0.00 | 0.00 | n/a |"), text);
  }

  private static RelationLoadResult run(
      RelationLoadSubscriptions variant, int n, double cores, double cpuPerK, double msgPerS) {
    return new RelationLoadResult(
        variant,
        n,
        1000,
        10,
        10,
        new LatencyHistogram(),
        new LatencyHistogram(),
        1000,
        msgPerS,
        cores,
        cpuPerK,
        40L << 20,
        1000,
        0,
        1000,
        0,
        null);
  }
}
