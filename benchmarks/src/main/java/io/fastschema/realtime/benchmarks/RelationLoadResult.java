package io.fastschema.realtime.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one {@link RelationLoadRun}.
 *
 * @param received measured messages that arrived (each timed commit acknowledged → received)
 * @param toKafka commit acknowledged → the change's record read from the schema topic by a second
 *     consumer in the benchmark JVM ({@link StageProbe}): the part of the latency before the fanout
 *     node, the same for both variants
 * @param msgPerSecond measured messages over the span from the first measured write to the last
 *     measured arrival
 * @param fanoutCores the fanout JVM's CPU time over the measured writes and drain, divided by their
 *     wall time
 * @param fanoutCpuMsPerThousandChanges the same CPU time per 1,000 measured changes: the cost of a
 *     change, which stays comparable when a busy machine starves the node (cores then only say how
 *     much CPU it was given)
 * @param liveHeapBytes the fanout JVM's live heap after a full GC, clients still connected, right
 *     after the measured span
 * @param dbTransactionsPerSecond every transaction the PostgreSQL server ran during the measured
 *     span, per second (the writers' included)
 * @param dbOtherTransactionsPerSecond the same without the writers' measured statements and the
 *     benchmark's own sampling query: what ingest and the fanout node asked of the database
 * @param fanoutDbConnections TCP connections the fanout JVM holds to PostgreSQL's port, at the end
 *     of the run (its queries can only travel on one of them)
 * @param closed how connections ended during the run, or null when none did
 */
record RelationLoadResult(
    RelationLoadSubscriptions variant,
    int run,
    int clients,
    long expected,
    long received,
    LatencyHistogram latency,
    LatencyHistogram toKafka,
    double writeRate,
    double msgPerSecond,
    double fanoutCores,
    double fanoutCpuMsPerThousandChanges,
    long liveHeapBytes,
    double dbTransactionsPerSecond,
    double dbOtherTransactionsPerSecond,
    double dbTuplesReturnedPerSecond,
    int fanoutDbConnections,
    String closed) {

  double p50Ms() {
    return latency.percentileMs(50);
  }

  double p99Ms() {
    return latency.percentileMs(99);
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("variant", variant.wireName());
    out.put("run", run);
    out.put("clients", clients);
    out.put("expected_messages", expected);
    out.put("received_messages", received);
    out.put("latency", latency.toJson());
    out.put("commit_to_kafka_read", toKafka.toJson());
    out.put("achieved_write_rate", writeRate);
    out.put("delivered_msg_per_s", msgPerSecond);
    out.put("fanout_cores", fanoutCores);
    out.put("fanout_cpu_ms_per_1000_changes", fanoutCpuMsPerThousandChanges);
    out.put("fanout_live_heap_bytes", liveHeapBytes);
    out.put("db_transactions_per_s", dbTransactionsPerSecond);
    out.put("db_transactions_per_s_beyond_writers", dbOtherTransactionsPerSecond);
    out.put("db_tuples_returned_per_s", dbTuplesReturnedPerSecond);
    out.put("fanout_db_connections", fanoutDbConnections);
    out.put("closed_connections", closed);
    return out;
  }
}
