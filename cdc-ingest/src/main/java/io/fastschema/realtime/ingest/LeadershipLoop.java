package io.fastschema.realtime.ingest;

import io.fastschema.realtime.ingest.IngestService.State;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread {@code ingest-leadership}: waits for the {@link LeadershipLock} (one streaming
 * instance per slot; the others are STANDBY), streams while holding it, and stops the engine and
 * stands by again when it is lost (the database connection gone).
 *
 * <p>Runs on its own thread; ends when the service is stopped.
 */
final class LeadershipLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(LeadershipLoop.class);

  /** What a new leader does before its engine starts (the access-control snapshot). */
  interface Takeover {
    void run() throws SQLException, InterruptedException;
  }

  private final IngestLifecycle lifecycle;
  private final LeadershipLock lock;
  private final ReplicationSlot slot;
  private final EngineRunner runner;
  private final Takeover takeover;

  /** Names this instance in logs. */
  private final String instanceId;

  LeadershipLoop(
      IngestLifecycle lifecycle,
      LeadershipLock lock,
      ReplicationSlot slot,
      EngineRunner runner,
      Takeover takeover,
      String instanceId) {
    this.lifecycle = lifecycle;
    this.lock = lock;
    this.slot = slot;
    this.runner = runner;
    this.takeover = takeover;
    this.instanceId = instanceId;
  }

  void start() {
    Thread leadership = new Thread(this, "ingest-leadership");
    leadership.setDaemon(true);
    leadership.start();
  }

  @Override
  public void run() {
    boolean announcedStandby = false;
    while (!lifecycle.stopped()) {
      try {
        if (!lock.tryAcquire()) {
          if (!announcedStandby) {
            lifecycle.moveTo(
                State.STANDBY,
                IngestLifecycle.RUNNING,
                "another instance streams from slot " + slot.name());
            announcedStandby = true;
          }
          Thread.sleep(1000);
          continue;
        }
        announcedStandby = false;
        LOG.info("Ingest {} holds the lock of slot {}: streaming", instanceId, slot.name());
        slot.noteStaleReader();
        takeover.run();
        runner.launch(Duration.ZERO);
        while (!lifecycle.stopped() && lock.stillHeld()) {
          Thread.sleep(1000);
        }
        if (lifecycle.moveTo(State.RETRYING, IngestLifecycle.RUNNING, null) != null) {
          LOG.warn(
              "Ingest lost the lock of slot {} (database connection gone); stopping the "
                  + "engine and standing by",
              slot.name());
          runner.closeWithin(Duration.ofSeconds(20));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Ingest leadership: {}; retrying in 2 s", e.toString());
        lock.close();
        try {
          Thread.sleep(2000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
