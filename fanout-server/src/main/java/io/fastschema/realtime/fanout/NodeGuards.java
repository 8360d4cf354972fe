package io.fastschema.realtime.fanout;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.fanout.auth.OriginPolicy;
import java.time.Duration;

/**
 * The settings that keep hostile clients from hurting the node or reading what they should not,
 * validated (issue 13; README "Reliability: hostile clients").
 *
 * @param cookieOrigins pages that may authenticate with the token cookie
 * @param maxReadyLagMs delivery lag past which {@code /readyz} fails; 0: never
 * @param managementBindAddress interface of the management port
 * @param managementPort port of {@code /metrics} (0: any free one)
 * @param handshakeTimeout time to send a complete request head on the public port
 * @param closeTimeout time a client has to complete a close the node started
 * @param maxConnections open connections on the public port past which handshakes get 503
 * @param socketSendBufferBytes {@code SO_SNDBUF} of each accepted public connection; 0 leaves the
 *     kernel's autotuning
 */
public record NodeGuards(
    OriginPolicy cookieOrigins,
    long maxReadyLagMs,
    String managementBindAddress,
    int managementPort,
    Duration handshakeTimeout,
    Duration closeTimeout,
    int maxConnections,
    int socketSendBufferBytes) {

  static NodeGuards read(ConfigReader r) {
    return new NodeGuards(
        originsOf(r.get(FanoutSettings.ALLOWED_ORIGINS)),
        r.get(FanoutSettings.MAX_READY_LAG_MS),
        r.get(FanoutSettings.MANAGEMENT_BIND_ADDRESS),
        r.get(FanoutSettings.MANAGEMENT_PORT),
        Duration.ofMillis(r.get(FanoutSettings.HANDSHAKE_TIMEOUT_MS)),
        Duration.ofMillis(r.get(FanoutSettings.CLOSE_TIMEOUT_MS)),
        r.get(FanoutSettings.MAX_CONNECTIONS),
        r.get(FanoutSettings.SOCKET_SEND_BUFFER_BYTES));
  }

  private static OriginPolicy originsOf(String list) {
    try {
      return OriginPolicy.parse(list);
    } catch (IllegalArgumentException e) {
      return OriginPolicy.SAME_ORIGIN; // already reported as a configuration problem
    }
  }
}
