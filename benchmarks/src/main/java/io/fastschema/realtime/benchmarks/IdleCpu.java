package io.fastschema.realtime.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU used by this JVM's threads while nothing is written: what a poll interval or a busy-waiting
 * loop costs an idle machine. Per thread (thread CPU time), so that the ingest's threads —
 * Debezium's streaming loop and queue, the engine, the ingest producer — are told apart from the
 * in-process Kafka broker, the fanout node and the benchmark's own clients, which share the JVM.
 *
 * @param window how long nothing was written
 * @param jvmCores CPU of every thread of this JVM over the window, in cores (PostgreSQL not
 *     included)
 * @param ingestCores CPU of the ingest's threads (see {@link #INGEST_THREADS}), in cores
 * @param busiest the threads that used the most CPU, name → cores, busiest first
 */
record IdleCpu(Duration window, double jvmCores, double ingestCores, Map<String, Double> busiest) {

  /**
   * Threads named for ingest: Debezium's ({@code debezium-postgresconnector-…}), ours ({@code
   * ingest-…}) and the ingest producer's. The engine's poll loop runs on an unnamed pool thread
   * ({@code pool-N-thread-1}) and is recognised by its stack instead ({@link #INGEST_CODE}).
   */
  static final Pattern INGEST_THREADS =
      Pattern.compile(
          "^(ingest-|debezium-|kafka-producer-network-thread \\| fastschema-realtime-ingest).*");

  /** Packages whose frames on a thread's stack make it an ingest thread. */
  private static final List<String> INGEST_CODE =
      List.of("io.debezium.", "io.fastschema.realtime.ingest.");

  private static final int STACK_DEPTH = 64;

  private static final int BUSIEST = 8;

  /** Sleeps for {@code window} and returns what the threads used meanwhile. */
  static IdleCpu measure(Duration window) throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = cpuByThread(threads);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    Map<Long, Long> after = cpuByThread(threads);
    double elapsed = System.nanoTime() - start;
    List<Map.Entry<String, Double>> used = new ArrayList<>();
    double jvm = 0;
    double ingest = 0;
    long[] ids = after.keySet().stream().mapToLong(l -> l).toArray();
    for (ThreadInfo info : threads.getThreadInfo(ids, STACK_DEPTH)) {
      if (info == null) {
        continue; // ended during the window; its CPU is gone with it
      }
      long spent = after.get(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
      double cores = spent / elapsed;
      jvm += cores;
      if (isIngest(info.getThreadName(), info.getStackTrace())) {
        ingest += cores;
      }
      used.add(Map.entry(info.getThreadName(), cores));
    }
    used.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    Map<String, Double> busiest = new LinkedHashMap<>();
    used.stream().limit(BUSIEST).forEach(e -> busiest.merge(e.getKey(), e.getValue(), Double::sum));
    return new IdleCpu(Duration.ofNanos((long) elapsed), jvm, ingest, busiest);
  }

  /** Whether a thread of this name, now running {@code stack}, is one of the ingest's. */
  static boolean isIngest(String name, StackTraceElement[] stack) {
    if (INGEST_THREADS.matcher(name).matches()) {
      return true;
    }
    for (StackTraceElement frame : stack) {
      if (INGEST_CODE.stream().anyMatch(frame.getClassName()::startsWith)) {
        return true;
      }
    }
    return false;
  }

  private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
    Map<Long, Long> out = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        out.put(id, nanos);
      }
    }
    return out;
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("window_s", window.toMillis() / 1000.0);
    out.put("jvm_cores", round(jvmCores));
    out.put("ingest_cores", round(ingestCores));
    Map<String, Object> threads = new LinkedHashMap<>();
    busiest.forEach((name, cores) -> threads.put(name, round(cores)));
    out.put("busiest_threads_cores", threads);
    return out;
  }

  private static double round(double cores) {
    return Math.round(cores * 100_000) / 100_000.0;
  }
}
