package io.fastschema.realtime.benchmarks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results of {@link RelationLoadBenchmark} as Markdown: one row per run, then the median of
 * each figure per variant and the ratio relation / scalar (the target is ≤ 1.5 on every figure; for
 * delivered messages/s higher is better, so its ratio is scalar / relation).
 *
 * <p>Immutable.
 */
final class RelationLoadTable {

  private record Figure(
      String name, ToDoubleFunction<RelationLoadResult> value, boolean higherIsBetter) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure("p50 ms", RelationLoadResult::p50Ms, false),
          new Figure("p99 ms", RelationLoadResult::p99Ms, false),
          new Figure(
              "commit→Kafka read p50 ms (before the fanout)",
              r -> r.toKafka().percentileMs(50),
              false),
          new Figure(
              "commit→Kafka read p99 ms (before the fanout)",
              r -> r.toKafka().percentileMs(99),
              false),
          new Figure("delivered msg/s", RelationLoadResult::msgPerSecond, true),
          new Figure("fanout CPU (cores)", RelationLoadResult::fanoutCores, false),
          new Figure(
              "fanout CPU ms per 1,000 changes",
              RelationLoadResult::fanoutCpuMsPerThousandChanges,
              false),
          new Figure("fanout live heap MiB", r -> r.liveHeapBytes() / 1048576.0, false),
          new Figure(
              "DB transactions/s beyond the writers",
              RelationLoadResult::dbOtherTransactionsPerSecond,
              false));

  private final List<RelationLoadResult> results;

  RelationLoadTable(List<RelationLoadResult> results) {
    this.results = List.copyOf(results);
  }

  void print(PrintStream out) {
    out.println(
        "| run | variant | received/expected | p50 ms | p99 ms | →Kafka p50 ms | →Kafka p99 ms | msg/s | fanout cores | fanout CPU ms/1k changes"
            + " | live heap MiB | DB xact/s (writers' included) | DB xact/s beyond writers | DB tuples returned/s"
            + " | fanout DB connections |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (RelationLoadResult r : results) {
      out.printf(
          Locale.ROOT,
          "| %d | %s | %d/%d | %.1f | %.1f | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.0f | %.1f | %.0f | %d |%n",
          r.run(),
          r.variant().wireName(),
          r.received(),
          r.expected(),
          r.p50Ms(),
          r.p99Ms(),
          r.toKafka().percentileMs(50),
          r.toKafka().percentileMs(99),
          r.msgPerSecond(),
          r.fanoutCores(),
          r.fanoutCpuMsPerThousandChanges(),
          r.liveHeapBytes() / 1048576.0,
          r.dbTransactionsPerSecond(),
          r.dbOtherTransactionsPerSecond(),
          r.dbTuplesReturnedPerSecond(),
          r.fanoutDbConnections());
    }
    out.println();
    out.println("| figure (median of runs) | scalar | relation | ratio (target ≤ 1.5) |");
    out.println("|---|---|---|---|");
    for (Figure f : FIGURES) {
      double scalar = median(RelationLoadSubscriptions.SCALAR, f.value());
      double relation = median(RelationLoadSubscriptions.RELATION, f.value());
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          f.name(),
          number(scalar),
          number(relation),
          ratio(f, scalar, relation));
    }
  }

  Map<String, Object> mediansJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Figure f : FIGURES) {
      Map<String, Object> figure = new LinkedHashMap<>();
      figure.put("scalar", median(RelationLoadSubscriptions.SCALAR, f.value()));
      figure.put("relation", median(RelationLoadSubscriptions.RELATION, f.value()));
      out.put(f.name(), figure);
    }
    return out;
  }

  private double median(RelationLoadSubscriptions variant, ToDoubleFunction<RelationLoadResult> f) {
    double[] values =
        results.stream().filter(r -> r.variant() == variant).mapToDouble(f).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /**
   * Relation over scalar (scalar over relation when higher is better); "n/a" when the base is about
   * zero (a count that should be 0 in both).
   */
  private static String ratio(Figure f, double scalar, double relation) {
    double base = f.higherIsBetter() ? relation : scalar;
    double over = f.higherIsBetter() ? scalar : relation;
    if (Double.isNaN(base) || Double.isNaN(over) || base <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", over / base);
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
