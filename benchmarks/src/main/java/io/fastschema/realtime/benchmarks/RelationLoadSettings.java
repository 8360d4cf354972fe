package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.support.BenchArgs;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The parameters of {@link RelationLoadBenchmark}: {@code key=value} arguments or {@code
 * -Dbench.<key>=<value>}.
 *
 * @param variants the order of one round; {@code repeats} rounds run one after the other, so the
 *     variants interleave
 * @param rows benchmark blogs; partitions {@code 0..9} of {@code partitions} are subscribed to
 */
record RelationLoadSettings(
    List<RelationLoadSubscriptions> variants,
    int repeats,
    int clients,
    double rate,
    int rows,
    int partitions,
    int writers,
    Duration warmup,
    Duration measure,
    Duration drainTimeout,
    String serverHeap,
    Path resultsDir) {

  static final String USAGE =
      "usage: RelationLoadBenchmark [variants=scalar,relation] [repeats=3] [clients=1000]"
          + " [rate=1000] [rows=1000] [partitions=100] [writers=4] [warmup-s=5] [measure-s=20]"
          + " [drain-timeout-ms=10000] [server-heap=1g] [results-dir=...]";

  private static final Set<String> KEYS =
      Set.of(
          "variants",
          "repeats",
          "clients",
          "rate",
          "rows",
          "partitions",
          "writers",
          "warmup-s",
          "measure-s",
          "drain-timeout-ms",
          "server-heap",
          "results-dir");

  static RelationLoadSettings parse(String[] args, Properties system) {
    BenchArgs a = BenchArgs.parse(args, KEYS, system);
    int partitions = a.integer("partitions", 100, RelationLoadSubscriptions.COUNT, 100_000);
    int writers = a.integer("writers", 4, 1, 64);
    int rows = a.integer("rows", 1000, partitions, 1_000_000);
    if (rows < writers) {
      throw new IllegalArgumentException("rows must be at least writers, so writes stay disjoint");
    }
    return new RelationLoadSettings(
        a.words("variants", "scalar,relation").stream()
            .map(RelationLoadSubscriptions::parse)
            .toList(),
        a.integer("repeats", 3, 1, 20),
        a.integer("clients", 1000, RelationLoadSubscriptions.COUNT, 19_000),
        a.integer("rate", 1000, 1, 100_000),
        rows,
        partitions,
        writers,
        Duration.ofSeconds(a.integer("warmup-s", 5, 0, 3600)),
        Duration.ofSeconds(a.integer("measure-s", 20, 1, 3600)),
        Duration.ofMillis(a.integer("drain-timeout-ms", 10_000, 0, 600_000)),
        a.text("server-heap", "1g"),
        Path.of(
            a.text("results-dir", ResultFiles.defaultDir(RelationLoadBenchmark.class).toString())));
  }

  /** Upper bound of one run's wall time, for the watchdog. */
  Duration runBudget() {
    return Duration.ofSeconds(120)
        .plus(warmup)
        .plus(measure)
        .plus(drainTimeout)
        .plusSeconds(clients / 200);
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("variants", variants.stream().map(RelationLoadSubscriptions::wireName).toList());
    out.put("repeats", repeats);
    out.put("clients", clients);
    out.put("rate", rate);
    out.put("rows", rows);
    out.put("partitions", partitions);
    out.put("writers", writers);
    out.put("warmup_s", warmup.toSeconds());
    out.put("measure_s", measure.toSeconds());
    out.put("drain_timeout_ms", drainTimeout.toMillis());
    out.put("server_heap", serverHeap);
    return out;
  }
}
