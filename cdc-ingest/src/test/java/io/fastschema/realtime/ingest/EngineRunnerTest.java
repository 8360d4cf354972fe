package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.debezium.engine.DebeziumEngine;
import io.fastschema.realtime.ingest.IngestService.State;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * close() racing an engine that keeps failing: the restart must never overwrite STOPPED, never be
 * refused by the shut-down engine thread, and nothing may be built or run once close() returned.
 * Before every state change went through {@link IngestLifecycle#moveTo}, a failure landing between
 * close()'s STOPPED and the executor's shutdown set RETRYING and relaunched onto a shut-down
 * executor.
 */
class EngineRunnerTest {

  @Test
  void closeRacingAFailingEngineStaysStoppedAndLaunchesNothingMore() throws Exception {
    for (int round = 0; round < 200; round++) {
      raceOnce();
    }
  }

  private static void raceOnce() throws Exception {
    IngestLifecycle lifecycle = new IngestLifecycle();
    assertNotNull(lifecycle.moveTo(State.STARTING, EnumSet.of(State.NEW), null));
    FailingEngines engines = new FailingEngines();
    EngineRunner runner =
        new EngineRunner(
            engines, lifecycle, () -> true, new IngestStats(), Duration.ZERO, () -> {});
    runner.launch(Duration.ZERO);
    assertTrue(engines.failedOnce.await(5, TimeUnit.SECONDS), "the engine ran and failed");

    // IngestService.close(), while the engine fails and restarts at full speed.
    assertNotNull(lifecycle.moveTo(State.STOPPED, IngestLifecycle.RUNNING, null));
    runner.closeWithin(Duration.ofSeconds(1));
    runner.shutdown();
    engines.closeReturned = true;
    int launchesAtStop = engines.launches.get();
    Thread.sleep(5);

    assertEquals(State.STOPPED, lifecycle.get(), "nothing overwrote STOPPED");
    assertEquals(launchesAtStop, engines.launches.get(), "no engine launched after close()");
    assertEquals(List.of(), engines.problems, "no restart failed, nothing ran after close()");
  }

  /** Engines that fail as soon as they run, reporting through the runner's completion callback. */
  private static final class FailingEngines implements EngineRunner.EngineFactory {
    final AtomicInteger launches = new AtomicInteger();
    final CountDownLatch failedOnce = new CountDownLatch(1);
    final List<String> problems = new CopyOnWriteArrayList<>();

    /** close() returned: no engine may run any more (one may start while close() runs). */
    volatile boolean closeReturned;

    @Override
    public DebeziumEngine<?> create(
        DebeziumEngine.ConnectorCallback connector, DebeziumEngine.CompletionCallback completion) {
      if (closeReturned) {
        problems.add("engine created after close() returned");
      }
      launches.incrementAndGet();
      return new DebeziumEngine<Object>() {
        @Override
        public void run() {
          if (closeReturned) {
            problems.add("engine ran after close() returned");
          }
          try {
            completion.handle(false, "connection refused", new IllegalStateException("boom"));
          } catch (RuntimeException e) {
            // The restart threw (a rejected submission to the shut-down engine thread, say).
            problems.add("restart failed: " + e);
          }
          failedOnce.countDown();
        }

        @Override
        public void close() {}
      };
    }
  }
}
