package io.fastschema.realtime.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleCpuTest {

  private static final StackTraceElement[] PARKED = {
    new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -1),
    new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "getTask", null, 1061)
  };

  @Test
  void ingestThreadsAreRecognisedByNameOrByDebeziumOnTheirStack() {
    assertTrue(
        IdleCpu.isIngest(
            "debezium-postgresconnector-fastschema-realtime-change-event-source-coordinator",
            PARKED));
    assertTrue(IdleCpu.isIngest("ingest-engine", PARKED));
    assertTrue(
        IdleCpu.isIngest(
            "kafka-producer-network-thread | fastschema-realtime-ingest",
            new StackTraceElement[0]));
    // The embedded engine's poll loop runs on an unnamed pool thread.
    StackTraceElement[] polling = {
      new StackTraceElement("java.util.concurrent.locks.LockSupport", "parkNanos", null, 252),
      new StackTraceElement("io.debezium.connector.base.ChangeEventQueue", "poll", null, 299)
    };
    assertTrue(IdleCpu.isIngest("pool-10-thread-1", polling));

    assertFalse(IdleCpu.isIngest("pool-11-thread-1", PARKED));
    assertFalse(IdleCpu.isIngest("fanout-kafka", PARKED));
    assertFalse(IdleCpu.isIngest("data-plane-kafka-request-handler-0", PARKED));
    assertFalse(IdleCpu.isIngest("kafka-producer-network-thread | producer-3", PARKED));
  }

  @Test
  void aThreadThatWorksThroughTheWindowIsCountedAndNamed() throws Exception {
    Thread worker =
        new Thread(
            () -> {
              long x = 0;
              while (!Thread.currentThread().isInterrupted()) {
                x += System.nanoTime() % 7;
              }
              if (x == 42) {
                System.out.print(""); // keeps the loop from being optimised away
              }
            },
            "ingest-busy-test");
    worker.start();
    try {
      IdleCpu idle = IdleCpu.measure(Duration.ofMillis(500));
      // However busy the machine, a spinning thread gets some of a core; a sleeping JVM gets ~0.
      assertTrue(idle.ingestCores() > 0.01, "ingest cores " + idle.ingestCores());
      assertTrue(idle.jvmCores() >= idle.ingestCores());
      assertTrue(idle.busiest().containsKey("ingest-busy-test"), idle.busiest().toString());
      assertTrue(idle.window().toMillis() >= 500, "window " + idle.window());
    } finally {
      worker.interrupt();
      worker.join();
    }
  }
}
