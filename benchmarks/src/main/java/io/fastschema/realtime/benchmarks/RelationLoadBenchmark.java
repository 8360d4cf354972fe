package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.support.ResultFiles;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 item 4: the same load with relation subscriptions and with scalar-only ones. 1,000
 * WebSocket clients spread over 10 distinct subscriptions on {@code schema=blog} ({@link
 * RelationLoadSubscriptions}), 1,000 single-row blog updates/s (blogs linked to categories and
 * tags, {@link RelationLoadData}); per run: commit → client p50/p99, delivered messages/s, the
 * fanout JVM's CPU and live heap, and the PostgreSQL server's transactions/s; then the median per
 * variant and the ratio relation/scalar of each figure.
 *
 * <p>Stack as {@link LoadTest}: this JVM runs embedded PostgreSQL, in-process Kafka, ingest, the
 * writers and the clients; every run starts a fresh fanout JVM ({@link ServerProcess}), so its CPU
 * and heap are its own. Variants run interleaved ({@code scalar, relation, scalar, relation, …}),
 * so a neighbour's load on a shared machine spreads over both.
 *
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.RelationLoadBenchmark [key=value...]
 * </pre>
 *
 * <p>Exit status: 0 when every expected message arrived, 1 when any was missing, 2 for bad
 * arguments, 3 when the run failed, {@value Watchdog#EXIT_OVERRUN} when it overran its budget.
 */
public final class RelationLoadBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(RelationLoadBenchmark.class);
  private static final Duration PIPELINE_WARMUP = Duration.ofSeconds(10);

  private RelationLoadBenchmark() {}

  public static void main(String[] args) {
    ResultFiles.quietLoggingUnlessConfigured(RelationLoadBenchmark.class.getPackageName());
    RelationLoadSettings settings;
    try {
      settings = RelationLoadSettings.parse(args, System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("RelationLoadBenchmark: " + e.getMessage());
      System.err.println(RelationLoadSettings.USAGE);
      System.exit(2);
      return;
    }
    int runs = settings.repeats() * settings.variants().size();
    Watchdog.start(Duration.ofMinutes(3).plus(settings.runBudget().multipliedBy(runs)));
    System.exit(run(settings, System.out, System.err));
  }

  private static int run(RelationLoadSettings settings, PrintStream out, PrintStream err) {
    try (EmbeddedStack stack = EmbeddedStack.start(System.getenv())) {
      RelationLoadData data =
          RelationLoadData.insert(stack.appDb(), settings.rows(), settings.partitions());
      warmPipeline(stack, data, settings);
      List<RelationLoadResult> results = new ArrayList<>();
      int run = 0;
      for (int round = 0; round < settings.repeats(); round++) {
        for (RelationLoadSubscriptions variant : settings.variants()) {
          RelationLoadResult r = new RelationLoadRun(settings, stack, data, variant, ++run).run();
          results.add(r);
          LOG.info(
              "Run {} {}: {}/{} received, p50 {} ms, p99 {} ms, {} cores",
              r.run(),
              variant.wireName(),
              r.received(),
              r.expected(),
              r.p50Ms(),
              r.p99Ms(),
              r.fanoutCores());
          write(settings, data, stack, results); // after every run: an abort keeps what it measured
        }
      }
      RelationLoadTable table = new RelationLoadTable(results);
      table.print(out);
      out.println("Results written to " + write(settings, data, stack, results).toAbsolutePath());
      long lost = results.stream().mapToLong(r -> r.expected() - r.received()).sum();
      if (lost > 0) {
        err.printf("%d expected messages did not arrive%n", lost);
        return 1;
      }
      return 0;
    } catch (Exception e) {
      err.println("RelationLoadBenchmark failed:");
      e.printStackTrace(err);
      return 3;
    }
  }

  /**
   * Writes through the pipeline before the first run: a cold ingest lags by seconds for its first
   * thousands of changes, which would be charged to whichever variant runs first.
   */
  private static void warmPipeline(
      EmbeddedStack stack, RelationLoadData data, RelationLoadSettings s) throws Exception {
    double perSecond = Math.max(50, Math.min(500, s.rate()));
    int statements = (int) (perSecond * PIPELINE_WARMUP.toSeconds());
    LOG.info("Warming the pipeline: {} statements at {}/s", statements, perSecond);
    Long[] blogs = data.blogIds();
    LoadLayout rows = new LoadLayout(blogs, 1, 1, LoadSubscription.SCHEMA);
    try (PacedWriters writers =
        PacedWriters.open(stack.appDb(), blogs[0], new WriteLog(statements), s.writers())) {
      writers.write(rows, 0, statements, perSecond);
    }
    Thread.sleep(2000);
  }

  private static java.nio.file.Path write(
      RelationLoadSettings settings,
      RelationLoadData data,
      EmbeddedStack stack,
      List<RelationLoadResult> results)
      throws java.io.IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "relation-load");
    json.put("finished_at", Instant.now().toString());
    json.put("machine", MachineInfo.current().toJson());
    json.put("settings", settings.toJson());
    json.put("pipeline", stack.describe());
    Map<String, Object> queries = new LinkedHashMap<>();
    for (RelationLoadSubscriptions v : RelationLoadSubscriptions.values()) {
      queries.put(v.wireName(), v.queries(data));
    }
    json.put("subscriptions", queries);
    json.put("runs", results.stream().map(RelationLoadResult::toJson).toList());
    json.put("medians", new RelationLoadTable(results).mediansJson());
    return ResultFiles.write(settings.resultsDir(), "relation-load.json", json);
  }
}
