package io.fastschema.realtime.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used (all threads: ingest, Kafka broker, fanout, clients, writer). The
 * PostgreSQL server runs in its own processes and is not included. Comparing runs shows what a
 * lower latency costs, e.g. a shorter Debezium poll interval.
 */
public final class ProcessCpu {

  private ProcessCpu() {}

  /** Nanoseconds of CPU time, or -1 when the JVM does not report it. */
  public static long nanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }
}
