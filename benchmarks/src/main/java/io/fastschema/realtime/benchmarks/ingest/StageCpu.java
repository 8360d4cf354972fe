package io.fastschema.realtime.benchmarks.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by pipeline stage, told apart by thread name: Debezium's streaming
 * thread (log decoding, row Structs), the engine's pool threads (ingest's handler thread runs
 * {@code ChangeBatchPublisher} there: normalizing, encoding, sending), the producer's network
 * thread, the in-process broker, and the rest (the writer, JDBC, GC is not a thread here). Per
 * thread CPU time is what compares two builds of one stage on a shared machine: it does not count
 * the time a thread waits for a core.
 *
 * <p>Immutable snapshot.
 */
final class StageCpu {

  enum Stage {
    DEBEZIUM("dbz"),
    HANDLER("handler"),
    PRODUCER("producer"),
    BROKER("broker"),
    OTHER("other");

    final String label;

    Stage(String label) {
      this.label = label;
    }

    static Stage of(String threadName) {
      if (threadName.contains("change-event-source-coordinator")) {
        return DEBEZIUM;
      }
      if (threadName.matches("pool-\\d+-thread-\\d+")) {
        return HANDLER;
      }
      if (threadName.startsWith("kafka-producer-network-thread")) {
        return PRODUCER;
      }
      if (threadName.startsWith("data-plane-")
          || threadName.startsWith("kafka-")
          || threadName.startsWith("broker-")
          || threadName.startsWith("quorum-")
          || threadName.contains("raft")
          || threadName.startsWith("ReplicaFetcher")
          || threadName.startsWith("LogCleaner")) {
        return BROKER;
      }
      return OTHER;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> cpuByThread;
  private final Map<Long, Stage> stageByThread;

  private StageCpu(Map<Long, Long> cpuByThread, Map<Long, Stage> stageByThread) {
    this.cpuByThread = cpuByThread;
    this.stageByThread = stageByThread;
  }

  static StageCpu now() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, Stage> stage = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t == null) {
        continue; // ended between the two calls
      }
      long ns = THREADS.getThreadCpuTime(t.getThreadId());
      if (ns >= 0) {
        cpu.put(t.getThreadId(), ns);
        stage.put(t.getThreadId(), Stage.of(t.getThreadName()));
      }
    }
    return new StageCpu(cpu, stage);
  }

  /** CPU nanoseconds per stage since {@code earlier}, of the threads alive at both moments. */
  Map<Stage, Long> since(StageCpu earlier) {
    Map<Stage, Long> out = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      out.put(s, 0L);
    }
    cpuByThread.forEach(
        (id, ns) -> {
          long before = earlier.cpuByThread.getOrDefault(id, 0L);
          out.merge(stageByThread.get(id), ns - before, Long::sum);
        });
    return out;
  }
}
