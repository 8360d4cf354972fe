package io.fastschema.realtime.standalone;

import io.fastschema.realtime.config.InvalidConfigurationException;
import io.fastschema.realtime.fanout.FanoutConfig;
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

  /** The public port and the management port, each checked; every taken one is reported. */
  static void requireFree(FanoutConfig fanout) throws InvalidConfigurationException {
    List<String> problems = new java.util.ArrayList<>();
    check("REALTIME_PORT", fanout.bindAddress(), fanout.port(), problems);
    check(
        "REALTIME_MANAGEMENT_PORT",
        fanout.guards().managementBindAddress(),
        fanout.guards().managementPort(),
        problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  private static void check(String variable, String host, int port, List<String> problems) {
    if (port == 0) {
      return; // any free port
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      problems.add(
          variable
              + ": port "
              + port
              + " on "
              + host
              + " cannot be bound ("
              + e.getMessage()
              + "); another process uses it? Set "
              + variable
              + " to a free port, or 0 for any");
    }
  }
}
