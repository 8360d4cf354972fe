package io.fastschema.realtime.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What one {@link LoadTest} invocation does: a scenario preset, then any {@code key=value} argument
 * overriding it (or {@code -Dload.<key>=<value>}).
 *
 * @param scenario the preset's name, also the result file's name
 * @param servers the servers to run against, in order
 * @param clients subscriber counts, one run per count and server
 * @param rate row changes per second (statements per second × rows per statement); 0 = no writes
 * @param rowsPerTxn rows each UPDATE statement changes (one transaction group, one message)
 * @param rows distinct blog rows the clients subscribe to and the writes cycle through
 * @param subscribe what each client subscribes to
 * @param writers JDBC connections writing in parallel (disjoint rows), so the rate is not bounded
 *     by one connection's commit latency
 * @param warmup writes before measuring
 * @param measure the measured writing time
 * @param drainTimeout how long after the last measured write missing messages are waited for
 * @param idleHold how long connections are held without writes when {@code rate} is 0
 * @param serverHeap {@code -Xms}/{@code -Xmx} of the server JVM
 * @param baselinePool JDBC connections of the FastSchema baseline
 * @param resultsDir where JSON, SVG and server logs go
 * @param stalled extra connections, subscribed to every change of the schema, that never read: the
 *     measured clients' latency must not suffer from them (the server closes them, 4008)
 * @param feedTopic whether the measured changes are published straight to the blog topic ({@link
 *     TopicFeed}, {@code feed=topic}) instead of committed to PostgreSQL ({@code feed=database}):
 *     the fanout node measured without the database and ingest on its machine
 */
record LoadSettings(
    String scenario,
    List<ServerUnderTest> servers,
    List<Integer> clients,
    int rate,
    int rowsPerTxn,
    int rows,
    LoadSubscription subscribe,
    int writers,
    Duration warmup,
    Duration measure,
    Duration drainTimeout,
    Duration idleHold,
    String serverHeap,
    int baselinePool,
    Path resultsDir,
    int stalled,
    boolean feedTopic) {

  static final String USAGE =
      "usage: LoadTest scenario=latency|sweep|throughput|idle "
          + "[servers=fanout,fastschema] [clients=10,100,1000] [rate=<row changes/s>] "
          + "[rows-per-txn=1] [rows=100] [subscribe=record|filter|schema] [writers=4] [warmup-s=5] "
          + "[measure-s=20] [drain-timeout-ms=10000] [idle-hold-s=20] [server-heap=1g] "
          + "[baseline-pool=10] [results-dir=benchmarks/target/results] [stalled=0] [feed=database|topic]"
          + "   (or -Dload.<key>=<value>)";

  private static final Map<String, Map<String, String>> PRESETS =
      Map.of(
          // (a) the latency target: 1000 row changes/s, 1000 clients on 100 records (10 per
          // record).
          "latency",
              Map.of(
                  "servers",
                  "fanout",
                  "clients",
                  "1000",
                  "rate",
                  "1000",
                  "subscribe",
                  "record",
                  "rows",
                  "100"),
          // (b) subscribers grow, rate fixed; every client receives every change (worst case for
          // FastSchema: one query per client per change).
          "sweep",
              Map.of(
                  "servers",
                  "fanout,fastschema",
                  "clients",
                  "10,100,1000,5000",
                  "rate",
                  "10",
                  "subscribe",
                  "schema",
                  "rows",
                  "10",
                  "warmup-s",
                  "3",
                  "measure-s",
                  "10"),
          // (c) delivered messages per second from one node: 1000 clients × 100 changes/s.
          "throughput",
              Map.of(
                  "servers",
                  "fanout",
                  "clients",
                  "1000",
                  "rate",
                  "100",
                  "subscribe",
                  "schema",
                  "rows",
                  "10"),
          // (d) idle subscribed connections: heap per connection. 19,000 because the hard fd limit
          // here is 20,000 per process, for the server and the client process alike.
          "idle",
              Map.of(
                  "servers",
                  "fanout",
                  "clients",
                  "19000",
                  "rate",
                  "0",
                  "subscribe",
                  "record",
                  "rows",
                  "1000"));

  private static final Set<String> KEYS =
      Set.of(
          "scenario",
          "servers",
          "clients",
          "rate",
          "rows-per-txn",
          "rows",
          "subscribe",
          "writers",
          "warmup-s",
          "measure-s",
          "drain-timeout-ms",
          "idle-hold-s",
          "server-heap",
          "baseline-pool",
          "results-dir",
          "stalled",
          "feed");

  /**
   * @throws IllegalArgumentException naming the offending argument or value
   */
  static LoadSettings parse(String[] args, Properties system, Path defaultResultsDir) {
    Map<String, String> given = new HashMap<>();
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith("load.") && KEYS.contains(name.substring(5))) {
        given.put(name.substring(5), system.getProperty(name));
      }
    }
    for (String arg : args) {
      String plain = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = plain.indexOf('=');
      String key = eq < 0 ? plain : plain.substring(0, eq);
      if (eq < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
      given.put(key, plain.substring(eq + 1));
    }
    String scenario = given.getOrDefault("scenario", "latency").strip().toLowerCase(Locale.ROOT);
    Map<String, String> values = new LinkedHashMap<>();
    if (PRESETS.containsKey(scenario)) {
      values.putAll(PRESETS.get(scenario));
    } else if (!scenario.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "scenario must be latency, sweep, throughput, idle or "
              + "a name of your own ([a-z0-9-]), was '"
              + scenario
              + "'");
    }
    values.putAll(given);
    Lookup in = new Lookup(values);
    List<ServerUnderTest> servers = new ArrayList<>();
    for (String s : in.text("servers", "fanout").split(",")) {
      servers.add(ServerUnderTest.parse(s));
    }
    List<Integer> clients = new ArrayList<>();
    for (String c : in.text("clients", "1000").split(",")) {
      clients.add(Lookup.integer("clients", c, 1, 1_000_000));
    }
    int rowsPerTxn = in.integer("rows-per-txn", 1, 1, 10_000);
    int writers = in.integer("writers", 4, 1, 64);
    // Writers in flight touch disjoint rows only when the cycle is at least writers × rows long.
    int rows = Math.max(in.integer("rows", 100, 1, 1_000_000), writers * rowsPerTxn);
    return new LoadSettings(
        scenario,
        List.copyOf(servers),
        List.copyOf(clients),
        in.integer("rate", 1000, 0, 10_000_000),
        rowsPerTxn,
        rows,
        LoadSubscription.parse(in.text("subscribe", "record")),
        writers,
        Duration.ofSeconds(in.integer("warmup-s", 5, 0, 3600)),
        Duration.ofSeconds(in.integer("measure-s", 20, 1, 3600)),
        Duration.ofMillis(in.integer("drain-timeout-ms", 10_000, 100, 600_000)),
        Duration.ofSeconds(in.integer("idle-hold-s", 20, 0, 3600)),
        in.text("server-heap", "1g"),
        in.integer("baseline-pool", 10, 1, 1000),
        Path.of(in.text("results-dir", defaultResultsDir.toString())),
        in.integer("stalled", 0, 0, 10_000),
        feedOf(in.text("feed", "database")));
  }

  private static boolean feedOf(String feed) {
    return switch (feed.strip().toLowerCase(Locale.ROOT)) {
      case "database" -> false;
      case "topic" -> true;
      default ->
          throw new IllegalArgumentException("feed must be database or topic, was '" + feed + "'");
    };
  }

  /** Statements per second: the row-change rate divided by the rows each statement changes. */
  double statementRate() {
    return rate / (double) rowsPerTxn;
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scenario", scenario);
    out.put("servers", servers.stream().map(ServerUnderTest::wireName).toList());
    out.put("clients", clients);
    out.put("rate_row_changes_per_s", rate);
    out.put("rows_per_txn", rowsPerTxn);
    out.put("rows", rows);
    out.put("subscribe", subscribe.wireName());
    out.put("writers", writers);
    out.put("warmup_s", warmup.toSeconds());
    out.put("measure_s", measure.toSeconds());
    out.put("drain_timeout_ms", drainTimeout.toMillis());
    out.put("idle_hold_s", idleHold.toSeconds());
    out.put("server_heap", serverHeap);
    out.put("baseline_pool", baselinePool);
    out.put("stalled_connections", stalled);
    out.put("feed", feedTopic ? "topic" : "database");
    return out;
  }

  private record Lookup(Map<String, String> values) {

    String text(String key, String fallback) {
      return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback, int min, int max) {
      return integer(key, text(key, Integer.toString(fallback)), min, max);
    }

    static int integer(String key, String raw, int min, int max) {
      return io.fastschema.realtime.benchmarks.support.BenchArgs.parseInt(key, raw, min, max);
    }
  }
}
