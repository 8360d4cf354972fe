package io.fastschema.realtime.benchmarks.ceiling;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured window: one client count in one send mode.
 *
 * @param messagesPerSecond messages all clients received per second, by the client JVM's clock
 * @param payloadMiBPerSecond payload MiB/s received
 * @param perClientMin fewest messages/s one connection got (fairness)
 * @param perClientMax most messages/s one connection got
 * @param serverCores CPU cores the server JVM used on average (CPU time / wall time)
 * @param clientCores the same for the client JVM
 * @param otherCores the same for everything else on the machine: competing work
 * @param serverGcMs server GC time in the window
 * @param failures failed sends (connections closed under the publisher)
 */
record ModeResult(
    int clients,
    SendMode mode,
    double messagesPerSecond,
    double payloadMiBPerSecond,
    double perClientMin,
    double perClientMax,
    double serverCores,
    double clientCores,
    double otherCores,
    long serverGcMs,
    long failures) {

  /**
   * Above this the receiving side may be what limits the rate: the run is flagged. Half a core is
   * the issue-14 rule: the NIO receivers need about a third of a core for 1.5M msg/s.
   */
  static final double CLIENT_LIMIT_CORES = 0.5;

  /** Server CPU per delivered message, µs: what survives a busy machine. */
  double serverMicrosPerMessage() {
    return messagesPerSecond == 0 ? Double.NaN : serverCores * 1e6 / messagesPerSecond;
  }

  boolean clientSuspect() {
    return clientCores > CLIENT_LIMIT_CORES;
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "%7d  %-9s %12.0f %9.1f %11.0f %11.0f %7.2f %8.2f %7.2f%1s %7.2f %6d",
        clients,
        mode.wireName(),
        messagesPerSecond,
        payloadMiBPerSecond,
        perClientMin,
        perClientMax,
        serverCores,
        serverMicrosPerMessage(),
        clientCores,
        clientSuspect() ? "!" : "",
        otherCores,
        serverGcMs);
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%7s  %-9s %12s %9s %11s %11s %7s %8s %8s %7s %6s",
        "clients",
        "mode",
        "msg/s",
        "MiB/s",
        "client min",
        "client max",
        "server",
        "srv µs/msg",
        "client",
        "others",
        "gc ms");
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clients", clients);
    out.put("mode", mode.wireName());
    out.put("messages_per_s", Math.round(messagesPerSecond));
    out.put("payload_mib_per_s", round2(payloadMiBPerSecond));
    out.put("per_client_min_per_s", Math.round(perClientMin));
    out.put("per_client_max_per_s", Math.round(perClientMax));
    out.put("server_cpu_cores", round2(serverCores));
    out.put("server_cpu_us_per_message", round2(serverMicrosPerMessage()));
    out.put("client_cpu_cores", round2(clientCores));
    out.put("client_over_half_a_core", clientSuspect());
    out.put("other_cpu_cores", round2(otherCores));
    out.put("server_gc_ms", serverGcMs);
    out.put("failed_sends", failures);
    return out;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
