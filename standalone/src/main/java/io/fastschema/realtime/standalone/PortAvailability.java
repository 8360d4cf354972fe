package io.fastschema.realtime.standalone;

import io.fastschema.realtime.config.InvalidConfigurationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Checks that the WebSocket port can be bound before anything is started, so that a taken port is
 * one line naming the variable to change (it was a stack trace after the database and the broker
 * had started). The check can race another process binding the port in between; the server's own
 * bind failure is then reported the same way by {@link StandaloneMain}.
 */
final class PortAvailability {

  private PortAvailability() {}

  static void requireFree(String host, int port) throws InvalidConfigurationException {
    if (port == 0) {
      return; // any free port
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw taken(host, port, e);
    }
  }

  static InvalidConfigurationException taken(String host, int port, Exception cause) {
    return new InvalidConfigurationException(
        List.of(
            "REALTIME_PORT: port "
                + port
                + " on "
                + host
                + " cannot be bound ("
                + cause.getMessage()
                + "); another process uses it? Set REALTIME_PORT to a free port, or 0 for any"));
  }
}
