package io.fastschema.realtime.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the ingest process. Thread-safe. */
public final class IngestStats {

  private final AtomicLong eventsPublished = new AtomicLong();
  private final AtomicLong engineRestarts = new AtomicLong();

  void published(int count) {
    eventsPublished.addAndGet(count);
  }

  void engineRestarted() {
    engineRestarts.incrementAndGet();
  }

  public long eventsPublished() {
    return eventsPublished.get();
  }

  public long engineRestarts() {
    return engineRestarts.get();
  }
}
