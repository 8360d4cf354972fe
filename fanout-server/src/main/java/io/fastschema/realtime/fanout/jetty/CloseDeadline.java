package io.fastschema.realtime.fanout.jetty;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops WebSocket connections whose close does not complete within REALTIME_CLOSE_TIMEOUT_MS (issue
 * 13 item 7). Jetty waits for the client's close frame after sending its own and keeps reading (and
 * discarding) everything else meanwhile, so a client closed with 4008 that kept sending was never
 * let go: 7.8 GB read in 45 s, still counted open. A session whose output is closed (the node's
 * close frame queued or sent, by us or by Jetty after a protocol error) for longer than the timeout
 * is disconnected: its socket closed without waiting for anything more.
 *
 * <p>Not thread-safe: {@link #sweep} runs on one thread.
 */
final class CloseDeadline {

  private static final Logger LOG = LoggerFactory.getLogger(CloseDeadline.class);

  /** Marks a session already disconnected, so that it is counted once. */
  private static final long REAPED = Long.MIN_VALUE;

  private final long timeoutNanos;
  private final Counter reaped;

  /** Sessions seen closing: since when (nanos), or {@link #REAPED}. */
  private Map<CoreSession, Long> closingSince = new HashMap<>();

  CloseDeadline(Duration timeout, Counter reaped) {
    this.timeoutNanos = timeout.toNanos();
    this.reaped = reaped;
  }

  /** Disconnects the sessions of {@code open} that have been closing for too long. */
  void sweep(Iterable<CoreSession> open, long nowNanos) {
    Map<CoreSession, Long> next = new HashMap<>();
    for (CoreSession s : open) {
      if (s.isOutputOpen()) {
        continue;
      }
      long since = closingSince.getOrDefault(s, nowNanos);
      if (since != REAPED && nowNanos - since > timeoutNanos) {
        reaped.increment();
        LOG.debug("Dropping {}: close not completed in time", s.getRemoteAddress());
        s.abort();
        since = REAPED;
      }
      next.put(s, since);
    }
    closingSince = next; // sessions gone from open are forgotten
  }
}
