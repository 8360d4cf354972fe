package io.fastschema.realtime.benchmarks.support;

import io.fastschema.realtime.ingest.IngestConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the benchmark rigs (the whole embedded stack, or ingest alone) share about the things they
 * started: stopping them in reverse order, and describing the ingest settings in result files.
 */
public final class StartedResources {

  private static final Logger LOG = LoggerFactory.getLogger(StartedResources.class);

  private StartedResources() {}

  /** Closes in reverse start order; a failure is logged and the rest still closed. */
  public static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}", resources.get(i), e);
      }
    }
    resources.clear();
  }

  /** The ingest settings that shape latency and throughput, for a result file. */
  public static Map<String, Object> describe(IngestConfig ingest, String kafka) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kafka", kafka);
    out.put("ingest_poll_interval_ms", ingest.pollIntervalMs());
    out.put("ingest_offset_flush_interval_ms", ingest.offsetFlushIntervalMs());
    out.put("topic_partitions", ingest.topicPartitions());
    out.put("replica_identity_full", ingest.setReplicaIdentityFull());
    return out;
  }
}
