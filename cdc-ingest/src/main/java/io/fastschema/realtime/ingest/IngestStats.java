package io.fastschema.realtime.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the ingest process. Thread-safe. */
public final class IngestStats {

  private final AtomicLong eventsPublished = new AtomicLong();
  private final AtomicLong engineRestarts = new AtomicLong();
  private final AtomicLong truncates = new AtomicLong();

  /** Capture time minus commit time of the last acknowledged event, ms; -1 before the first. */
  private volatile long captureLagMs = -1;

  void published(int count) {
    eventsPublished.addAndGet(count);
  }

  void captureLag(long ms) {
    captureLagMs = ms;
  }

  void truncated() {
    truncates.incrementAndGet();
  }

  void engineRestarted() {
    engineRestarts.incrementAndGet();
  }

  public long eventsPublished() {
    return eventsPublished.get();
  }

  /** TRUNCATEs of content tables seen (and not published). */
  public long truncates() {
    return truncates.get();
  }

  public long engineRestarts() {
    return engineRestarts.get();
  }

  /** How long after its commit ingest read the last published event, in ms; -1 before any. */
  public long captureLagMs() {
    return captureLagMs;
  }
}
