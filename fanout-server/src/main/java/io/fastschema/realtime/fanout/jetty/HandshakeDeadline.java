package io.fastschema.realtime.fanout.jetty;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP connections that take longer than REALTIME_HANDSHAKE_TIMEOUT_MS to send a request
 * head (issue 13 item 7). Jetty's idle timeout restarts with every byte, so a client sending one
 * header line every few seconds held its connection (and a file descriptor) for ever. The time runs
 * from the first byte of the request, or from the opening of a connection that has sent nothing; an
 * idle keep-alive connection between requests is left to Jetty's idle timeout.
 *
 * <p>Not thread-safe: {@link #sweep} runs on one thread. It reads the parser's state from that
 * thread while Jetty parses on another: a stale read only moves a close to the next sweep.
 */
final class HandshakeDeadline {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeDeadline.class);

  private final long timeoutNanos;
  private final Counter timedOut;

  HandshakeDeadline(Duration timeout, Counter timedOut) {
    this.timeoutNanos = timeout.toNanos();
    this.timedOut = timedOut;
  }

  /** Closes every connection of {@code connections} whose request head is overdue. */
  void sweep(Iterable<Connection> connections, long nowNanos, long nowMillis) {
    for (Connection c : connections) {
      if (c instanceof HttpConnection http && overdue(http, nowNanos, nowMillis)) {
        timedOut.increment();
        LOG.debug("Closing {}: no complete request head in time", http.getEndPoint());
        http.getEndPoint().close();
      }
    }
  }

  private boolean overdue(HttpConnection c, long nowNanos, long nowMillis) {
    HttpParser parser = c.getParser();
    if (parser.isStart()) {
      // Waiting for a request: overdue only if it is the connection's first and never came.
      return c.getMessagesIn() == 0
          && Duration.ofMillis(nowMillis - c.getCreatedTimeStamp()).toNanos() > timeoutNanos;
    }
    long begin = parser.getBeginNanoTime(); // first byte of this request; 0 right after a reset
    return parser.inHeaderState() && begin != 0 && nowNanos - begin > timeoutNanos;
  }
}
