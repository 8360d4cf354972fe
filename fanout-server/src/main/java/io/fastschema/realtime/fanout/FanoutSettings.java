package io.fastschema.realtime.fanout;

import io.fastschema.realtime.config.Setting;
import io.fastschema.realtime.config.Setting.Tier;
import java.util.List;

/** Settings of a fanout node (besides {@link io.fastschema.realtime.config.CommonSettings}). */
public final class FanoutSettings {

  private FanoutSettings() {}

  public static final Setting<Integer> PORT =
      Setting.port("REALTIME_PORT")
          .doc(
              "HTTP port of the WebSocket endpoint /api/realtime/content and of /healthz, /readyz.")
          .defaultValue(8080)
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<String> BIND_ADDRESS =
      Setting.string("REALTIME_BIND_ADDRESS")
          .doc("Interface to listen on.")
          .defaultValue("0.0.0.0")
          .build();

  public static final Setting<Integer> MAX_QUEUE_MESSAGES =
      Setting.integer("REALTIME_CLIENT_MAX_QUEUE_MESSAGES", 1, 1_000_000)
          .doc("Messages queued for one client before it is closed as a slow consumer (4008).")
          .defaultValue(1000)
          .build();

  public static final Setting<Integer> MAX_QUEUE_BYTES =
      Setting.integer("REALTIME_CLIENT_MAX_QUEUE_BYTES", 1024, 1 << 30)
          .doc(
              "Bytes (UTF-8, as written) queued for one client before it is "
                  + "closed as a slow consumer (4008).")
          .defaultValue(4 << 20)
          .build();

  public static final Setting<Integer> MAX_ECHO_BYTES =
      Setting.integer("REALTIME_CLIENT_MAX_ECHO_BYTES", 125, 1 << 30)
          .doc(
              "An echo of a client's own frame that would make its queue longer than this "
                  + "(bytes) closes it as a slow consumer (4008): a client that sends and never "
                  + "reads holds this much, not the whole REALTIME_CLIENT_MAX_QUEUE_BYTES.")
          .defaultValue(128 << 10)
          .build();

  public static final Setting<Integer> NODE_MAX_QUEUE_MB =
      Setting.integer("REALTIME_NODE_MAX_QUEUE_MB", 0, 1 << 20)
          .doc(
              "MiB (UTF-8 bytes) all clients of the node may have queued or in flight together; "
                  + "0 means a quarter of the JVM's maximum heap. Reaching it closes the client "
                  + "holding the most with 4008; past three quarters of it new connections are "
                  + "refused with 1013.")
          .defaultValue(0)
          .build();

  public static final Setting<Integer> RELATION_STATE_MAX_MB =
      Setting.integer("REALTIME_RELATION_STATE_MAX_MB", 0, 1 << 20)
          .doc(
              "MiB (estimated) of related rows the node may hold for relation filters and selects "
                  + "(RELATIONS.md); 0 means a quarter of the JVM's maximum heap. Past it, a new "
                  + "subscription that needs a table not held yet is closed with 4400.")
          .defaultValue(0)
          .build();

  public static final Setting<Integer> RELATION_HISTORY_MS =
      Setting.integer("REALTIME_RELATION_HISTORY_MS", 0, 3_600_000)
          .doc(
              "How long superseded and deleted related rows are kept, so that a delete is judged "
                  + "with its relations as they stood before its transaction (a cascade in it does "
                  + "not empty them). Deliveries later than this behind the database see the "
                  + "current state instead.")
          .defaultValue(60_000)
          .build();

  public static final Setting<Integer> MAX_CLIENT_FRAME_BYTES =
      Setting.integer("REALTIME_MAX_CLIENT_FRAME_BYTES", 125, 16 << 20)
          .doc("Largest message a client may send (they are only echoed); larger closes with 1009.")
          .defaultValue(64 << 10)
          .build();

  public static final Setting<Integer> PING_INTERVAL_MS =
      Setting.integer("REALTIME_PING_INTERVAL_MS", 1000, 3_600_000)
          .doc(
              "The server pings every connection this often; a connection silent for 2.5 "
                  + "intervals (no pong, no frame) is closed, so half-open connections do not linger.")
          .defaultValue(25_000)
          .build();

  public static final Setting<String> ROLE_PERMISSION_SETTINGS =
      Setting.string("ROLE_PERMISSION_SETTINGS")
          .doc(
              "FastSchema's permission overrides by role name, JSON "
                  + "{\"roles\":[{\"name\":\"User\",\"permissions\":[{\"resource\":"
                  + "\"api.realtime.content.blog.*\",\"value\":\"allow\"}]}]}; a permission of "
                  + "the same resource replaces the database's, others are appended.")
          .check(parsedBy(io.fastschema.realtime.fanout.access.PermissionSettings::parse))
          .build();

  public static final Setting<Integer> TOPIC_REFRESH_MS =
      Setting.integer("REALTIME_TOPIC_REFRESH_MS", 100, 600_000)
          .doc("How often the node looks for new schema topics (new schemas need no restart).")
          .defaultValue(5000)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Integer> MAX_CONCURRENT_REPLAYS =
      Setting.integer("REALTIME_MAX_CONCURRENT_REPLAYS", 1, 1000)
          .doc(
              "Resuming clients (since=<cursor>) whose missed messages are read from Kafka at the "
                  + "same time; each holds a Kafka consumer and a thread. Others wait their turn "
                  + "(they are connected, and get everything once their turn comes).")
          .defaultValue(4)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Integer> REPLAY_STALL_MS =
      Setting.integer("REALTIME_REPLAY_STALL_MS", 100, 600_000)
          .doc(
              "A replay waits while its client's queue is half full; a client that reads nothing "
                  + "for this long loses its replay slot and is closed as a slow consumer (4008, with "
                  + "its cursor), so that clients that do not read cannot hold every slot. Waiting "
                  + "replays are served in arrival order.")
          .defaultValue(10_000)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Integer> RESUME_BUFFER_EVENTS =
      Setting.integer("REALTIME_RESUME_BUFFER_EVENTS", 16, 10_000_000)
          .doc(
              "Recent record events kept per schema topic: a client resuming from a cursor within "
                  + "them (a reconnect after a few seconds) is caught up from memory, without a Kafka "
                  + "replay; a replay hands over through them while writes continue. Memory is that of "
                  + "the events kept (about 1-2 KB each for typical rows).")
          .defaultValue(4096)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Boolean> CONSOLE =
      Setting.bool("REALTIME_CONSOLE")
          .doc(
              "Serve the live console (a page to subscribe and watch messages) at GET / on "
                  + "REALTIME_PORT. It holds no data of its own: whoever opens it still needs a "
                  + "token to subscribe.")
          .defaultValue(true)
          .build();

  public static final Setting<String> ALLOWED_ORIGINS =
      Setting.string("REALTIME_ALLOWED_ORIGINS")
          .doc(
              "Pages (origins, comma-separated, e.g. https://app.example.com) that may connect "
                  + "with the token cookie; * allows any. Blank: only pages of the same host and "
                  + "port as the request. A foreign Origin with the cookie is closed with 4403; "
                  + "tokens in a header or the subprotocol are not checked (FastSchema itself has "
                  + "no CORS setting: it allows every origin).")
          .check(parsedBy(io.fastschema.realtime.fanout.auth.OriginPolicy::parse))
          .build();

  public static final Setting<Integer> MAX_READY_LAG_MS =
      Setting.integer("REALTIME_MAX_READY_LAG_MS", 0, 3_600_000)
          .doc(
              "/readyz answers 503 while the node delivers more than this many ms behind Kafka "
                  + "(its consumer thread stalled or overloaded, e.g. by costly filters), so that "
                  + "the load balancer sends new clients elsewhere; 0 disables. The lag is "
                  + "fanout_delivery_lag_milliseconds.")
          .defaultValue(15_000)
          .build();

  public static final Setting<Integer> MANAGEMENT_PORT =
      Setting.port("REALTIME_MANAGEMENT_PORT")
          .doc(
              "HTTP port of /metrics (and /healthz, /readyz again) for Prometheus and operators; "
                  + "/metrics is not served on REALTIME_PORT (it names every schema). Keep it off "
                  + "the load balancer.")
          .defaultValue(8091)
          .build();

  public static final Setting<String> MANAGEMENT_BIND_ADDRESS =
      Setting.string("REALTIME_MANAGEMENT_BIND_ADDRESS")
          .doc(
              "Interface of REALTIME_MANAGEMENT_PORT: loopback by default; 0.0.0.0 (or a "
                  + "private interface) where Prometheus scrapes from another host or container.")
          .defaultValue("127.0.0.1")
          .build();

  public static final Setting<Integer> HANDSHAKE_TIMEOUT_MS =
      Setting.integer("REALTIME_HANDSHAKE_TIMEOUT_MS", 100, 600_000)
          .doc(
              "Time a connection on REALTIME_PORT has to send a complete request head, from its "
                  + "first byte (or from its opening, for a connection that sent nothing yet); "
                  + "past it the connection is closed (slow-header clients). Counted in "
                  + "fanout_handshakes_timed_out_total.")
          .defaultValue(10_000)
          .build();

  public static final Setting<Integer> CLOSE_TIMEOUT_MS =
      Setting.integer("REALTIME_CLOSE_TIMEOUT_MS", 100, 600_000)
          .doc(
              "Time a client has to complete a close the node started (4008, 4400, 1013...); "
                  + "past it the connection is dropped whatever the client keeps sending. Counted "
                  + "in fanout_connections_reaped_total.")
          .defaultValue(5_000)
          .build();

  public static final Setting<Integer> SERVER_THREADS =
      Setting.integer("REALTIME_SERVER_THREADS", 0, 10_000)
          .doc(
              "Most threads of the node's HTTP/WebSocket server (writes to clients, handshakes, "
                  + "health checks); 0 keeps Jetty's default of 200. Fewer threads hand the "
                  + "per-connection write locks over less often (BENCHMARKS.md, issue 14).")
          .defaultValue(0)
          .build();

  public static final Setting<Integer> WRITE_THREADS =
      Setting.integer("REALTIME_WRITE_THREADS", -1, 256)
          .doc(
              "Threads that start the live stream's writes to clients, so that the Kafka consumer "
                  + "thread only matches, encodes and queues (one thread capped a node at ~0.4M "
                  + "messages/s); -1 means one per available processor, 0 writes on the consumer "
                  + "thread itself.")
          .defaultValue(-1)
          .build();

  public static final Setting<Integer> WRITE_REST_MAX_MS =
      Setting.integer("REALTIME_WRITE_REST_MAX_MS", 0, 1_000)
          .doc(
              "Longest rest a busy write thread takes between passes over its clients. A write "
                  + "thread that works more than it idles rests (doubling from 1 ms up to this), "
                  + "so that a saturated node writes each client fewer, larger batches (0.5-0.6 "
                  + "µs of CPU per message instead of 1.0-1.2 at 1M messages/s, BENCHMARKS.md). "
                  + "A node that keeps up never rests; 0 turns resting off. Shown as "
                  + "fanout_write_rest_seconds.")
          .defaultValue(50)
          .build();

  public static final Setting<Integer> MAX_CONNECTIONS =
      Setting.integer("REALTIME_MAX_CONNECTIONS", 1, 10_000_000)
          .doc(
              "Open connections on REALTIME_PORT (WebSockets and requests in progress) past which "
                  + "WebSocket handshakes are refused with HTTP 503 and Retry-After, which a load "
                  + "balancer retries on another node; health checks are still answered. Counted "
                  + "in fanout_handshakes_refused_full_total.")
          .defaultValue(20_000)
          .build();

  public static final Setting<Integer> SOCKET_SEND_BUFFER_BYTES =
      Setting.integer("REALTIME_SOCKET_SEND_BUFFER_BYTES", 0, 16 << 20)
          .doc(
              "SO_SNDBUF of each client connection on REALTIME_PORT (Linux doubles it); 0 leaves "
                  + "the kernel's autotuning (up to net.ipv4.tcp_wmem's maximum, 4 MiB on "
                  + "loopback). A client that stops reading absorbs this much before its queue "
                  + "fills and it is closed with 4008: 65536 cut 100 stalled clients off before "
                  + "the node wrote them anything more (BENCHMARKS.md, issue 14 item 6). But a "
                  + "healthy client sent one burst larger than its queue bounds "
                  + "(REALTIME_CLIENT_MAX_QUEUE_*) faster than it reads, a large transaction, is "
                  + "then closed with 4008 too, which the kernel's larger buffer absorbed: raise "
                  + "the queue bounds with it. It also bounds one connection's rate to about twice "
                  + "this per round trip.")
          .defaultValue(0)
          .tier(Tier.RARE)
          .build();

  /** A check that reports the parser's {@link IllegalArgumentException} as the problem. */
  private static java.util.function.Function<String, String> parsedBy(
      java.util.function.Consumer<String> parser) {
    return v -> {
      try {
        parser.accept(v);
        return null;
      } catch (IllegalArgumentException e) {
        return "invalid: " + e.getMessage();
      }
    };
  }

  public static List<Setting<?>> all() {
    return List.of(
        PORT,
        BIND_ADDRESS,
        MAX_QUEUE_MESSAGES,
        MAX_QUEUE_BYTES,
        MAX_ECHO_BYTES,
        NODE_MAX_QUEUE_MB,
        RELATION_STATE_MAX_MB,
        RELATION_HISTORY_MS,
        MAX_CLIENT_FRAME_BYTES,
        PING_INTERVAL_MS,
        ROLE_PERMISSION_SETTINGS,
        TOPIC_REFRESH_MS,
        MAX_CONCURRENT_REPLAYS,
        REPLAY_STALL_MS,
        RESUME_BUFFER_EVENTS,
        CONSOLE,
        ALLOWED_ORIGINS,
        MAX_READY_LAG_MS,
        MANAGEMENT_PORT,
        MANAGEMENT_BIND_ADDRESS,
        HANDSHAKE_TIMEOUT_MS,
        CLOSE_TIMEOUT_MS,
        MAX_CONNECTIONS,
        SERVER_THREADS,
        WRITE_THREADS,
        WRITE_REST_MAX_MS,
        SOCKET_SEND_BUFFER_BYTES);
  }
}
