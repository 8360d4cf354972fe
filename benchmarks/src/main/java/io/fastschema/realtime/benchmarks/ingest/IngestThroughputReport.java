package io.fastschema.realtime.benchmarks.ingest;

import io.fastschema.realtime.benchmarks.MachineInfo;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one {@link IngestThroughput} run, as a table and as JSON. */
record IngestThroughputReport(
    IngestThroughputSettings settings,
    Map<String, Object> pipeline,
    List<IngestRun> runs,
    MachineInfo machine,
    Instant finishedAt) {

  static final String FILE_NAME = "ingest-throughput.json";

  /** The target for commit → Kafka throughput. */
  static final double TARGET_CHANGES_PER_S = 10_000;

  boolean allMeetTarget() {
    return runs.stream().allMatch(r -> r.changesPerSecond() >= TARGET_CHANGES_PER_S);
  }

  void print(PrintStream out) {
    out.printf("%n=== ingest throughput: first commit → last Kafka acknowledgement ===%n");
    out.printf(
        "%d row changes per workload, one writer connection, one multi-row statement per "
            + "transaction; pipeline %s%n",
        settings.rows(), pipeline);
    out.println(
        "changes/s = rows / (first commit → last ack); written/s = the writer's own rate; "
            + "drain = last commit → last ack; jvm/others = CPU cores (others: PostgreSQL and any "
            + "competing work); us/chg = this JVM's CPU per change (ingest, broker, writer); "
            + "dbz/handler/broker = thread CPU per change, µs, of Debezium's streaming thread, "
            + "the engine's pool (ingest's handler thread) and the in-process broker");
    out.println();
    out.println(IngestRun.header());
    runs.forEach(r -> out.println(r.row()));
    out.printf(
        "%ntarget %.0f changes/s: %s%n",
        TARGET_CHANGES_PER_S,
        allMeetTarget() ? "met by every workload" : "NOT met by every workload");
    out.println();
    machine.lines().forEach(out::println);
    out.flush();
  }

  Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "ingest-throughput");
    root.put("finished_at", finishedAt.toString());
    root.put("target_changes_per_s", TARGET_CHANGES_PER_S);
    root.put("all_meet_target", allMeetTarget());
    root.put("settings", settings.toJson());
    root.put("pipeline", pipeline);
    root.put("results", runs.stream().map(IngestRun::toJson).toList());
    root.put("machine", machine.toJson());
    return root;
  }

  Path write(Path dir) throws IOException {
    return ResultFiles.write(dir, FILE_NAME, toJson());
  }
}
