package io.fastschema.realtime.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The measured latency split into the pipeline's stages, per write, for the first client:
 *
 * <ol>
 *   <li>{@code commit ack → ingest capture}: WAL decoding, the replication stream, Debezium's queue
 *       and engine, up to ingest normalizing the change ({@code capture_ts_ms});
 *   <li>{@code ingest capture → Kafka read}: encoding, the producer's acknowledged send and the
 *       consumer's fetch;
 *   <li>{@code Kafka read → client}: the fanout node's dispatch and the WebSocket hop.
 * </ol>
 *
 * Also {@code PG commit_ts → commit ack}, how long after PostgreSQL's commit time the writer saw
 * the acknowledgement. Stages against a record's stamp carry the stamp's millisecond resolution (±1
 * ms); the last stage is two {@code nanoTime} stamps and exact. Per-stage percentiles do not add up
 * to the end-to-end ones.
 *
 * <p>Immutable.
 */
final class StageBreakdown {

  private final Map<String, LatencyDistribution> stages;

  /** Writes that were delivered to the client but never seen by the probe. */
  private final int unseen;

  private StageBreakdown(Map<String, LatencyDistribution> stages, int unseen) {
    this.stages = stages;
    this.unseen = unseen;
  }

  static StageBreakdown of(
      WriteLog writes,
      StageProbe probe,
      RowSubscriber client,
      ClockAnchor anchor,
      int from,
      int to) {
    List<Integer> seen = new ArrayList<>();
    int unseen = 0;
    for (int seq = from; seq < to; seq++) {
      if (!client.received(seq)) {
        continue;
      }
      if (probe.readNanos(seq) != WriteLog.NONE && probe.captureTsMs(seq) != WriteLog.NONE) {
        seen.add(seq);
      } else {
        unseen++;
      }
    }
    IntToLongFunction ack = seq -> anchor.toEpochNanos(writes.ackNanos(seq));
    IntToLongFunction capture = seq -> probe.captureTsMs(seq) * 1_000_000L;
    IntToLongFunction commitTs = seq -> probe.commitTsMs(seq) * 1_000_000L;
    IntToLongFunction read = seq -> anchor.toEpochNanos(probe.readNanos(seq));
    IntToLongFunction arrival = seq -> anchor.toEpochNanos(client.arrivalNanos(seq));
    Map<String, LatencyDistribution> stages = new LinkedHashMap<>();
    stages.put("PG commit_ts → commit ack", between(seen, commitTs, ack));
    stages.put("commit ack → ingest capture", between(seen, ack, capture));
    stages.put("ingest capture → Kafka read", between(seen, capture, read));
    stages.put("Kafka read → client", between(seen, read, arrival));
    return new StageBreakdown(stages, unseen);
  }

  private static LatencyDistribution between(
      List<Integer> seqs, IntToLongFunction from, IntToLongFunction to) {
    long[] nanos = new long[seqs.size()];
    for (int i = 0; i < nanos.length; i++) {
      int seq = seqs.get(i);
      nanos[i] = to.applyAsLong(seq) - from.applyAsLong(seq);
    }
    return LatencyDistribution.of(nanos);
  }

  Map<String, LatencyDistribution> stages() {
    return stages;
  }

  int unseen() {
    return unseen;
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    stages.forEach((name, d) -> out.put(name, d.toJson()));
    out.put("delivered_but_not_seen_by_probe", unseen);
    return out;
  }
}
