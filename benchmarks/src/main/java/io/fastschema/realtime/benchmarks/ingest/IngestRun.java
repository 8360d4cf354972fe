package io.fastschema.realtime.benchmarks.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured workload: {@code rows} changes of one kind in transactions of {@code rowsPerTx}.
 *
 * @param writeNanos first transaction started → last commit returned
 * @param endToEndNanos first transaction started → last event acknowledged by Kafka
 * @param ackSpanNanos first event acknowledged → last event acknowledged
 * @param drainNanos last commit returned → last event acknowledged (ingest's backlog at the end)
 * @param topicRecords records added to the blog topic, by Kafka's end offsets (≥ rows; more would
 *     be replays)
 * @param jvmCores CPU cores this JVM used on average (ingest, Kafka broker, writer)
 * @param otherCores everything else on the machine: PostgreSQL and any competing work
 * @param stageNanos this JVM's CPU by pipeline stage ({@link StageCpu})
 */
record IngestRun(
    ChangeOp op,
    int rowsPerTx,
    int rows,
    long writeNanos,
    long endToEndNanos,
    long ackSpanNanos,
    long drainNanos,
    long topicRecords,
    double jvmCores,
    double otherCores,
    long gcMs,
    long engineRestarts,
    Map<StageCpu.Stage, Long> stageNanos) {

  /** The headline: row changes per second from the first commit to the last acknowledgement. */
  double changesPerSecond() {
    return rows / (endToEndNanos / 1e9);
  }

  double commitsPerSecond() {
    return Math.ceil((double) rows / rowsPerTx) / (writeNanos / 1e9);
  }

  /**
   * This JVM's CPU per change, µs: unlike the rate, barely moved by other work competing for the
   * cores, so it is what compares two settings on a shared machine.
   */
  double jvmCpuMicrosPerChange() {
    return jvmCores * endToEndNanos / 1e3 / rows;
  }

  /** A stage's CPU per change, µs: the handler's is what an encoder change moves. */
  double stageMicrosPerChange(StageCpu.Stage stage) {
    return stageNanos.getOrDefault(stage, 0L) / 1e3 / rows;
  }

  double writeChangesPerSecond() {
    return rows / (writeNanos / 1e9);
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-7s %7s %8s %12s %12s %10s %9s %6s %6s %6s %8s %6s %8s %6s",
        "op",
        "rows/tx",
        "rows",
        "changes/s",
        "written/s",
        "commits/s",
        "drain ms",
        "jvm",
        "others",
        "gc ms",
        "us/chg",
        "dbz",
        "handler",
        "broker");
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "%-7s %7d %8d %12.0f %12.0f %10.0f %9.0f %6.2f %6.2f %6d %8.0f %6.1f %8.1f %6.1f",
        op.wireName(),
        rowsPerTx,
        rows,
        changesPerSecond(),
        writeChangesPerSecond(),
        commitsPerSecond(),
        drainNanos / 1e6,
        jvmCores,
        otherCores,
        gcMs,
        jvmCpuMicrosPerChange(),
        stageMicrosPerChange(StageCpu.Stage.DEBEZIUM),
        stageMicrosPerChange(StageCpu.Stage.HANDLER),
        stageMicrosPerChange(StageCpu.Stage.BROKER));
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("op", op.wireName());
    out.put("rows_per_tx", rowsPerTx);
    out.put("rows", rows);
    out.put("changes_per_s", Math.round(changesPerSecond()));
    out.put("written_changes_per_s", Math.round(writeChangesPerSecond()));
    out.put("commits_per_s", Math.round(commitsPerSecond()));
    out.put("write_ms", round1(writeNanos / 1e6));
    out.put("first_commit_to_last_ack_ms", round1(endToEndNanos / 1e6));
    out.put("first_ack_to_last_ack_ms", round1(ackSpanNanos / 1e6));
    out.put("drain_after_last_commit_ms", round1(drainNanos / 1e6));
    out.put("topic_records_added", topicRecords);
    out.put("jvm_cpu_cores", Math.round(jvmCores * 100) / 100.0);
    out.put("jvm_cpu_us_per_change", round1(jvmCpuMicrosPerChange()));
    out.put("other_cpu_cores", Math.round(otherCores * 100) / 100.0);
    Map<String, Object> stages = new LinkedHashMap<>();
    for (StageCpu.Stage stage : StageCpu.Stage.values()) {
      stages.put(stage.label, round1(stageMicrosPerChange(stage)));
    }
    out.put("thread_cpu_us_per_change", stages);
    out.put("gc_ms", gcMs);
    out.put("engine_restarts", engineRestarts);
    return out;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
