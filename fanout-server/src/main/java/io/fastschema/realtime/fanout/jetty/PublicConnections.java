package io.fastschema.realtime.fanout.jetty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * The open connections of the public port, whatever they are doing: reading a request head,
 * answering a health check, or upgraded to a WebSocket (Jetty reports the upgrade as the HTTP
 * connection closing and the WebSocket connection opening, so one socket counts once). What {@link
 * ConnectionCap} compares with REALTIME_MAX_CONNECTIONS and {@link HandshakeDeadline} sweeps.
 *
 * <p>Thread-safe: Jetty reports openings and closings from its selector and pool threads.
 */
final class PublicConnections implements Connection.Listener {

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  @Override
  public void onOpened(Connection connection) {
    open.add(connection);
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  int count() {
    return open.size();
  }

  /** A weakly consistent view: connections opened or closed meanwhile may or may not be in it. */
  Iterable<Connection> all() {
    return open;
  }
}
