package io.fastschema.realtime.fanout.jetty;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Writes at most one warning per interval and counts the rest, so that a client repeating a bad
 * request cannot fill the disk with log lines: the next line written says how many were not.
 *
 * <p>Thread-safe.
 */
final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  /** Guarded by this. */
  private long lastWrittenNanos;

  /** Guarded by this. */
  private boolean written;

  /** Lines not written since the last one written; guarded by this. */
  private long suppressed;

  RateLimitedLog(Logger log, Duration interval, LongSupplier nanoClock) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * @param line already cut to a bounded length by the caller
   */
  void warn(String line) {
    write(true, line);
  }

  /** The same at INFO: for refusals that are normal one at a time (a bad token). */
  void info(String line) {
    write(false, line);
  }

  private void write(boolean warn, String line) {
    long skipped;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (written && now - lastWrittenNanos < intervalNanos) {
        suppressed++;
        return;
      }
      written = true;
      lastWrittenNanos = now;
      skipped = suppressed;
      suppressed = 0;
    }
    String text =
        skipped == 0
            ? line
            : line + " (" + skipped + " more like it since the last line, not logged)";
    if (warn) {
      log.warn(text);
    } else {
      log.info(text);
    }
  }
}
