package io.fastschema.realtime.fanout.jetty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * The node's open WebSocket sessions, subscribed or being rejected: what is pinged, what {@link
 * CloseDeadline} sweeps, what {@code fanout.connections.open} counts. Jetty's API container kept
 * this set before the endpoint moved to Jetty's core API ({@link RealtimeEndpoint}).
 *
 * <p>Thread-safe: sessions open and close on Jetty's threads, the ticker and scrapes read.
 */
final class OpenSessions {

  private final Set<CoreSession> open = ConcurrentHashMap.newKeySet();

  void opened(CoreSession session) {
    open.add(session);
  }

  void closed(CoreSession session) {
    open.remove(session);
  }

  int count() {
    return open.size();
  }

  /** A weakly consistent view: sessions opened or closed meanwhile may or may not be in it. */
  Iterable<CoreSession> all() {
    return open;
  }
}
