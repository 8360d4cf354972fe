package io.fastschema.realtime.benchmarks.ingest;

import io.fastschema.realtime.benchmarks.support.BenchArgs;
import io.fastschema.realtime.benchmarks.support.BenchDatabase;
import io.fastschema.realtime.embedded.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What one {@link IngestThroughput} run does; {@code key=value} arguments or {@code
 * -Dbench.<key>=}.
 *
 * @param ops kinds of change, in order (updates change the rows of the first insert run)
 * @param txSizes rows per transaction, each measured for every op
 * @param rows row changes per workload
 * @param warmupRows changes written and acknowledged before measuring (JIT, topic creation)
 * @param drainTimeout how long after the last commit acknowledgements are waited for
 * @param resultsDir where the JSON goes
 * @param database the embedded server ingest reads: PostgreSQL 17 (default) or MariaDB 11.4
 */
record IngestThroughputSettings(
    DatabaseKind database,
    List<ChangeOp> ops,
    List<Integer> txSizes,
    int rows,
    int warmupRows,
    Duration drainTimeout,
    Path resultsDir) {

  static final String USAGE =
      "usage: IngestThroughput [database=postgresql|mariadb] [ops=insert,update] [tx-sizes=1,100,1000]"
          + " [rows=100000] [warmup-rows=20000] [drain-timeout-s=120]"
          + " [results-dir=benchmarks/target/results]   (or -Dbench.<key>=)";

  private static final Set<String> KEYS =
      Set.of(
          "database", "ops", "tx-sizes", "rows", "warmup-rows", "drain-timeout-s", "results-dir");

  static IngestThroughputSettings parse(String[] args, Properties system, Path defaultResultsDir) {
    BenchArgs in = BenchArgs.parse(args, KEYS, system);
    IngestThroughputSettings s =
        new IngestThroughputSettings(
            BenchDatabase.parse(in.text("database", "postgresql")),
            in.words("ops", "insert,update").stream().map(ChangeOp::parse).toList(),
            in.integers("tx-sizes", "1,100,1000", 1, 1_000_000),
            in.integer("rows", 100_000, 1, 10_000_000),
            in.integer("warmup-rows", 20_000, 0, 10_000_000),
            Duration.ofSeconds(in.integer("drain-timeout-s", 120, 1, 3600)),
            Path.of(in.text("results-dir", defaultResultsDir.toString())));
    if (s.ops.contains(ChangeOp.UPDATE) && !s.ops.contains(ChangeOp.INSERT)) {
      throw new IllegalArgumentException(
          "ops=update needs insert too (updates change the rows " + "the first insert run made)");
    }
    return s;
  }

  /** Slow enough for single-row transactions on a loaded machine (≥ 500 commits/s). */
  Duration budget() {
    long workloads = (long) ops.size() * txSizes.size();
    return Duration.ofMinutes(5)
        .plusSeconds(workloads * (rows / 500 + drainTimeout.toSeconds()))
        .plusSeconds(warmupRows / 500);
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("database", database.name().toLowerCase(java.util.Locale.ROOT));
    out.put("ops", ops.stream().map(ChangeOp::wireName).toList());
    out.put("tx_sizes", txSizes);
    out.put("rows", rows);
    out.put("warmup_rows", warmupRows);
    out.put("drain_timeout_s", drainTimeout.toSeconds());
    return out;
  }
}
