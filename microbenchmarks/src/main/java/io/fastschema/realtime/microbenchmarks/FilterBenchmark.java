package io.fastschema.realtime.microbenchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.filter.RowFilter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One compiled FastSchema filter evaluated on one row ({@link RowFilter#matches}): the per-view
 * cost the hub pays once per event for every distinct filter it cannot skip through the index. Each
 * invocation evaluates the filter on the next of 16 rows, half of which match.
 *
 * <p>Run: {@code java -jar microbenchmarks/target/microbenchmarks.jar FilterBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {

  /** The filters, by name: the shapes FastSchema clients send most. */
  static final Map<String, String> FILTERS =
      Map.of(
          "eq", "{\"owner\":7}",
          "in", "{\"owner\":{\"$in\":[5,6,7,8,9]}}",
          "range", "{\"views\":{\"$gte\":100,\"$lt\":200},\"score\":{\"$gt\":5}}",
          "like", "{\"title\":{\"$like\":\"%number%\"}}",
          "andOr",
              "{\"$and\":[{\"owner\":{\"$in\":[7,8,9]}},{\"$or\":[{\"status\":\"published\"},"
                  + "{\"views\":{\"$gte\":150}}]}]}");

  @Param({"eq", "in", "range", "like", "andOr"})
  public String filter;

  private RowFilter compiled;
  private final ObjectNode[] rows = new ObjectNode[16];
  private int next;

  @Setup
  public void setUp() {
    compiled = PostFixture.filter(FILTERS.get(filter));
    int matched = 0;
    for (int i = 0; i < rows.length; i++) {
      // Even rows are built to match every filter above, odd rows none of them.
      rows[i] =
          i % 2 == 0
              ? PostFixture.row(10 + i, 7, 150 + i, "published")
              : PostFixture.row(20 + i, 3, 10 + i, "draft");
      matched += compiled.matches(rows[i]) ? 1 : 0;
    }
    if (matched != rows.length / 2) {
      throw new IllegalStateException(
          filter + " matched " + matched + " of " + rows.length + " rows, the workload needs half");
    }
  }

  @Benchmark
  public boolean matches() {
    ObjectNode row = rows[next++ & (rows.length - 1)];
    return compiled.matches(row);
  }
}
