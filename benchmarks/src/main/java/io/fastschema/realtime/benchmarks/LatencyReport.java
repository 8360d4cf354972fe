package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one {@link CommitToClientLatency} run, as a table for people and as JSON for
 * tools.
 *
 * @param settings what was asked for
 * @param pipeline the pipeline settings that shape latency
 * @param sent measured writes committed
 * @param received measured deliveries that arrived before the drain timeout (over all clients)
 * @param duplicates rows that arrived more than once, at any phase
 * @param unmatched messages or rows without a benchmark value, at any phase
 * @param warmupLost warm-up deliveries that never arrived (they are not counted as lost)
 * @param measurement pacing, GC and CPU of the measured phase
 * @param latency commit acknowledged → client received, over all clients
 * @param commit how long {@code executeUpdate} took (start → acknowledged)
 * @param stages per-stage split, or null when not asked for
 * @param idle CPU while nothing was written after the measurement, or null when not asked for
 * @param machine where it ran
 */
record LatencyReport(
    RunSettings settings,
    Map<String, Object> pipeline,
    long sent,
    long received,
    long duplicates,
    long unmatched,
    long warmupLost,
    Measurement measurement,
    LatencyDistribution latency,
    LatencyDistribution commit,
    StageBreakdown stages,
    IdleCpu idle,
    MachineInfo machine,
    Instant finishedAt) {

  static final String FILE_NAME = "commit-to-client-latency.json";

  long expected() {
    return sent * settings.clients();
  }

  long lost() {
    return expected() - received;
  }

  void print(PrintStream out) {
    Pacing pacing = measurement.pacing();
    GcActivity gc = measurement.gc();
    out.printf(Locale.ROOT, "%n=== commit-to-client latency ===%n");
    out.printf(
        Locale.ROOT,
        "%d updates at %d/s to %d client(s), %s subscription, after %d " + "warm-up; pipeline %s%n",
        settings.updates(),
        settings.ratePerSecond(),
        settings.clients(),
        settings.scope().wireName(),
        settings.warmup(),
        pipeline);
    out.printf(
        Locale.ROOT,
        "sent %d   expected deliveries %d   received %d   lost %d   "
            + "duplicates %d   unmatched %d%n",
        sent,
        expected(),
        received,
        lost(),
        duplicates,
        unmatched);
    out.printf(
        Locale.ROOT,
        "achieved rate %.1f/s (latest start %.2f ms behind schedule)%n",
        pacing.achievedRate(),
        pacing.maxLagNanos() / 1e6);
    out.printf(
        Locale.ROOT,
        "during measurement: GC %d collections, %d ms; JVM CPU %.1f s "
            + "(PostgreSQL not included)%n",
        gc.collections(),
        gc.millis(),
        measurement.cpuNanos() / 1e9);
    if (idle != null) {
      out.printf(
          Locale.ROOT,
          "idle (%d s, nothing written): ingest threads %.2f %% of a core, whole JVM %.2f %%;"
              + " busiest threads %s%n",
          idle.window().toSeconds(),
          idle.ingestCores() * 100,
          idle.jvmCores() * 100,
          idle.toJson().get("busiest_threads_cores"));
    }
    out.println();
    printHeader(out, "latency (ms)");
    printRow(out, "commit ack → client", latency);
    printRow(out, "executeUpdate", commit);
    if (stages != null) {
      out.println();
      printHeader(out, "stage (ms, client 1)");
      stages.stages().forEach((name, d) -> printRow(out, name, d));
    }
    out.println();
    machine.lines().forEach(out::println);
    out.flush();
  }

  private static void printHeader(PrintStream out, String title) {
    out.printf(Locale.ROOT, "%-30s %8s %8s", title, "count", "min");
    for (double p : LatencyDistribution.PERCENTILES) {
      out.printf(Locale.ROOT, " %8s", LatencyDistribution.percentileLabel(p));
    }
    out.printf(Locale.ROOT, " %8s %8s%n", "max", "mean");
  }

  private static void printRow(PrintStream out, String name, LatencyDistribution d) {
    out.printf(Locale.ROOT, "%-30s %8d %8.2f", name, d.count(), d.minMs());
    for (double p : LatencyDistribution.PERCENTILES) {
      out.printf(Locale.ROOT, " %8.2f", d.percentileMs(p));
    }
    out.printf(Locale.ROOT, " %8.2f %8.2f%n", d.maxMs(), d.meanMs());
  }

  Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "commit-to-client-latency");
    root.put("finished_at", finishedAt.toString());
    root.put("passed", lost() == 0);
    root.put("settings", settingsJson());
    root.put("pipeline", pipeline);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("sent", sent);
    results.put("expected_deliveries", expected());
    results.put("received", received);
    results.put("lost", lost());
    results.put("duplicates", duplicates);
    results.put("unmatched", unmatched);
    results.put("warmup_lost", warmupLost);
    results.put("latency_ms", latency.toJson());
    results.put("execute_update_ms", commit.toJson());
    results.putAll(measurement.toJson());
    root.put("results", results);
    if (stages != null) {
      root.put("stages_ms", stages.toJson());
    }
    if (idle != null) {
      root.put("idle_cpu", idle.toJson());
    }
    root.put("machine", machine.toJson());
    return root;
  }

  private Map<String, Object> settingsJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("database", settings.database().name().toLowerCase(Locale.ROOT));
    out.put("updates", settings.updates());
    out.put("rate_per_s", settings.ratePerSecond());
    out.put("clients", settings.clients());
    out.put("warmup", settings.warmup());
    out.put("scope", settings.scope().wireName());
    out.put("drain_timeout_ms", settings.drainTimeout().toMillis());
    out.put("stages", settings.stages());
    out.put("idle_s", settings.idle().toSeconds());
    return out;
  }

  /** Writes {@value #FILE_NAME} into {@code dir} (created if needed); returns the file. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(file, json.writeValueAsString(toJson()) + "\n");
    return file;
  }
}
