package io.fastschema.realtime.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one load run: one server, one subscriber count.
 *
 * @param server which server
 * @param clients connections asked for
 * @param held connections still open at the end
 * @param statements measured UPDATE statements committed
 * @param rowChanges measured rows changed
 * @param achievedRate statements per second actually started
 * @param expectedMessages messages the measured statements should produce over all clients
 * @param latency commit acknowledged → client received, measured messages
 * @param messages measured messages received before the drain timeout
 * @param rows rows in those messages
 * @param deliveredPerSecond measured messages / (last arrival − first measured write)
 * @param beforeAck messages that arrived before the writer saw the commit acknowledged
 * @param serverCpuCores server JVM CPU time / wall time over the measured span
 * @param serverCpuMicrosPerMessage server CPU per received message
 * @param clientCpuCores the receivers' reading thread: CPU time / wall time over the same span
 * @param postgresCpuCores the database's CPU time / wall time over the same span, or NaN
 * @param queriesPerStatement database queries the server made per measured statement
 * @param serverDelivered the server's own count of messages handed to sessions
 * @param liveHeapBefore server live heap after a full GC before the clients connected
 * @param liveHeapWithClients the same once every client is subscribed (before writes)
 * @param serverRssWithClients resident set of the server JVM at that moment
 * @param idleCpuCores with rate 0: server CPU / wall time while the connections sat idle
 * @param liveHeapConnected with rate 0: server live heap with every client connected, before the
 *     priming writes, or -1 (not measured): the priming writes fill the node's recent deliveries
 *     (one per row, kept whatever the connections), which {@link #heapPerConnection} counts as
 *     connections' heap and {@link #heapPerConnectionUnprimed} does not
 * @param closedNote how connections ended during the run, or null
 */
record LoadResult(
    ServerUnderTest server,
    int clients,
    long held,
    long statements,
    long rowChanges,
    double achievedRate,
    long expectedMessages,
    LatencyHistogram latency,
    long messages,
    long rows,
    double deliveredPerSecond,
    long beforeAck,
    double serverCpuCores,
    double serverCpuMicrosPerMessage,
    double clientCpuCores,
    double postgresCpuCores,
    double queriesPerStatement,
    double serverDelivered,
    long liveHeapBefore,
    long liveHeapWithClients,
    long serverRssWithClients,
    double idleCpuCores,
    long liveHeapConnected,
    String closedNote) {

  long lost() {
    return Math.max(0, expectedMessages - messages);
  }

  /**
   * Above half a core the receiving side may be what limits the run (issue 14's rule); the report
   * marks such runs.
   */
  boolean clientSuspect() {
    return clientCpuCores > 0.5;
  }

  /** Live-heap growth per connection, bytes. */
  double heapPerConnection() {
    return held == 0 ? Double.NaN : (liveHeapWithClients - liveHeapBefore) / (double) held;
  }

  /**
   * Live-heap growth per connection before the priming writes: connected and subscribed, nothing
   * received yet; NaN when not measured.
   */
  double heapPerConnectionUnprimed() {
    return held == 0 || liveHeapConnected < 0
        ? Double.NaN
        : (liveHeapConnected - liveHeapBefore) / (double) held;
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("server", server.wireName());
    out.put("clients", clients);
    out.put("connections_held", held);
    out.put("statements", statements);
    out.put("row_changes", rowChanges);
    out.put("achieved_statement_rate_per_s", round(achievedRate, 2));
    out.put("expected_messages", expectedMessages);
    out.put("messages", messages);
    out.put("lost_messages", lost());
    out.put("rows_received", rows);
    out.put("latency_ms", latency.toJson());
    out.put("delivered_messages_per_s", round(deliveredPerSecond, 1));
    out.put("arrived_before_ack", beforeAck);
    out.put("server_cpu_cores", round(serverCpuCores, 3));
    out.put("server_cpu_us_per_message", round(serverCpuMicrosPerMessage, 2));
    out.put("client_cpu_cores", round(clientCpuCores, 3));
    out.put("client_over_half_a_core", clientSuspect());
    out.put("postgres_cpu_cores", round(postgresCpuCores, 3));
    out.put("queries_per_statement", round(queriesPerStatement, 2));
    out.put("server_messages_delivered", serverDelivered);
    out.put("live_heap_before_bytes", liveHeapBefore);
    out.put("live_heap_with_clients_bytes", liveHeapWithClients);
    out.put("heap_per_connection_bytes", round(heapPerConnection(), 0));
    out.put("live_heap_connected_bytes", liveHeapConnected < 0 ? null : liveHeapConnected);
    out.put("heap_per_connection_unprimed_bytes", round(heapPerConnectionUnprimed(), 0));
    out.put("server_rss_with_clients_bytes", serverRssWithClients);
    out.put("idle_cpu_cores", round(idleCpuCores, 4));
    out.put("connections_closed", closedNote);
    return out;
  }

  static Double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
