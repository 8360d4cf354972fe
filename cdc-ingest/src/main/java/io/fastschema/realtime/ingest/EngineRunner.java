package io.fastschema.realtime.ingest;

import io.debezium.engine.DebeziumEngine;
import io.fastschema.realtime.ingest.IngestService.State;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium engine on the thread {@code ingest-engine}, and restarts it with back-off (from
 * the offsets committed in Kafka) when it ends while this instance still leads. A restart is a
 * state change to RETRYING through {@link IngestLifecycle}, so a service that was stopped meanwhile
 * is never restarted.
 *
 * <p>Thread-safe: launches and closes are serialized on {@code this}.
 */
final class EngineRunner {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Builds one engine run, reporting through the runner's callbacks. */
  interface EngineFactory {
    DebeziumEngine<?> create(
        DebeziumEngine.ConnectorCallback connector, DebeziumEngine.CompletionCallback completion);
  }

  private final EngineFactory factory;
  private final IngestLifecycle lifecycle;

  /** Whether this instance still leads: an engine that ended otherwise is not restarted. */
  private final BooleanSupplier leading;

  private final IngestStats stats;

  /** The first restart's delay; each further one doubles it, up to {@link #MAX_BACKOFF}. */
  private final Duration firstBackoff;

  /** Run off the engine's thread once its task started (the slot turns active after). */
  private final Runnable taskStarted;

  private final ExecutorService engineThread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "ingest-engine"));

  /** Set by {@link #restart}: the next end of an engine was asked for and is not a failure. */
  private final java.util.concurrent.atomic.AtomicBoolean restartAsked =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The running engine; replaced on each restart. Guarded by {@code this}. */
  private DebeziumEngine<?> engine;

  EngineRunner(
      EngineFactory factory,
      IngestLifecycle lifecycle,
      BooleanSupplier leading,
      IngestStats stats,
      Duration firstBackoff,
      Runnable taskStarted) {
    this.factory = factory;
    this.lifecycle = lifecycle;
    this.leading = leading;
    this.stats = stats;
    this.firstBackoff = firstBackoff;
    this.taskStarted = taskStarted;
  }

  /** Starts an engine after {@code delay}, unless the service is stopped by then. */
  synchronized void launch(Duration delay) {
    if (lifecycle.stopped()) {
      return;
    }
    DebeziumEngine<?> toRun =
        factory.create(
            new DebeziumEngine.ConnectorCallback() {
              @Override
              public void taskStarted() {
                CompletableFuture.runAsync(taskStarted);
              }

              @Override
              public void taskStopped() {
                lifecycle.moveTo(
                    State.RETRYING, EnumSet.of(State.STREAMING), "engine task stopped");
              }
            },
            this::engineEnded);
    engine = toRun;
    engineThread.execute(
        () -> {
          try {
            Thread.sleep(delay.toMillis());
            // Stopped while waiting: close() already closed the engine before this one.
            if (!lifecycle.stopped()) {
              toRun.run();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private void engineEnded(boolean success, String message, Throwable error) {
    if (lifecycle.stopped() || !leading.getAsBoolean()) {
      LOG.info("Debezium engine stopped: {}", message);
      return;
    }
    if (restartAsked.compareAndSet(true, false)) {
      LOG.info("Debezium engine stopped for a restart: {}", message);
      return;
    }
    long restarts = stats.engineRestarts();
    Duration backoff =
        Duration.ofMillis(
            Math.min(
                MAX_BACKOFF.toMillis(), firstBackoff.toMillis() * (1L << Math.min(6, restarts))));
    if (lifecycle.moveTo(State.RETRYING, IngestLifecycle.RUNNING, "engine ended") == null) {
      LOG.info("Debezium engine stopped: {}", message); // close() came first
      return;
    }
    LOG.error(
        "Debezium engine ended (restart #{} in {} ms): {}",
        restarts + 1,
        backoff.toMillis(),
        message,
        error);
    stats.engineRestarted();
    launch(backoff);
  }

  /**
   * Debezium's close flushes offsets through a Kafka producer whose close does not time out; with
   * Kafka gone it would never return, so it gets a bounded wait on a thread of its own.
   */
  void closeWithin(Duration limit) {
    DebeziumEngine<?> toClose;
    synchronized (this) {
      toClose = engine;
    }
    if (toClose == null) {
      return;
    }
    Thread closer =
        new Thread(
            () -> {
              try {
                toClose.close();
              } catch (IOException e) {
                LOG.warn("Closing the Debezium engine failed", e);
              }
            },
            "ingest-engine-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.warn(
          "Debezium engine did not close within {}; offsets flushed since the last commit "
              + "may be replayed on the next start (same event ids)",
          limit);
    }
  }

  /**
   * Stops the running engine (its acknowledged offsets are flushed), runs {@code between} (e.g.
   * adding tables to the publication, so that the new engine's first change of a new table is
   * published), and starts a new engine built from the current settings, which continues from the
   * committed offsets. Not a failure: no back-off, no restart counted.
   */
  void restart(Duration closeLimit, Runnable between, String reason) {
    if (lifecycle.stopped()) {
      return;
    }
    LOG.info("Restarting the Debezium engine: {}", reason);
    restartAsked.set(true);
    closeWithin(closeLimit);
    between.run();
    launch(Duration.ZERO);
  }

  /** After the service stopped: waits for the engine thread to end. */
  void shutdown() {
    synchronized (this) {
      engineThread.shutdown(); // a launch holding the lock has queued its run before this
    }
    try {
      if (!engineThread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Debezium engine thread did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
