package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.embedded.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What one {@link CommitToClientLatency} run does. Each value comes from a {@code key=value}
 * argument (a leading {@code --} is allowed), else from the system property {@code bench.<key>},
 * else from its default, so that both {@code java ... CommitToClientLatency updates=5000} and
 * {@code java -Dbench.updates=5000 ...} work.
 *
 * @param updates measured single-row UPDATEs (N)
 * @param ratePerSecond how many UPDATEs are started per second (R); paced, not a tight loop
 * @param clients WebSocket clients that each receive every update (K)
 * @param warmup UPDATEs written and delivered before measuring, not counted
 * @param drainTimeout how long after the last write a missing message is still waited for
 * @param scope what the clients subscribe to
 * @param stages whether to also read the Kafka topic to time the pipeline's stages
 * @param idle how long to write nothing after the measurement while the threads' CPU is measured
 *     ({@link IdleCpu}); zero skips it
 * @param resultsDir where the JSON result is written
 * @param database the embedded server the stack runs on: PostgreSQL 17 (default) or MariaDB 11.4
 */
record RunSettings(
    DatabaseKind database,
    int updates,
    int ratePerSecond,
    int clients,
    int warmup,
    Duration drainTimeout,
    SubscriptionScope scope,
    boolean stages,
    Duration idle,
    Path resultsDir) {

  static final String USAGE =
      "usage: CommitToClientLatency [database=postgresql|mariadb] [updates=1000] [rate=100] [clients=1]"
          + " [warmup=200] [drain-timeout-ms=10000] [scope=record|schema] [stages=false]"
          + " [idle-s=10] [results-dir=benchmarks/target/results]   (or -Dbench.<key>=<value>)";

  private static final Set<String> KEYS =
      Set.of(
          "database",
          "updates",
          "rate",
          "clients",
          "warmup",
          "drain-timeout-ms",
          "scope",
          "stages",
          "idle-s",
          "results-dir");

  /**
   * @throws IllegalArgumentException naming the offending argument or value
   */
  static RunSettings parse(String[] args, Properties system, Path defaultResultsDir) {
    Map<String, String> given = arguments(args);
    Lookup in = new Lookup(given, system);
    return new RunSettings(
        io.fastschema.realtime.benchmarks.support.BenchDatabase.parse(
            in.text("database", "postgresql")),
        in.integer("updates", 1000, 1, 10_000_000),
        in.integer("rate", 100, 1, 100_000),
        in.integer("clients", 1, 1, 10_000),
        in.integer("warmup", 200, 0, 10_000_000),
        Duration.ofMillis(in.integer("drain-timeout-ms", 10_000, 100, 600_000)),
        SubscriptionScope.parse(in.text("scope", "record")),
        Boolean.parseBoolean(in.text("stages", "false")),
        Duration.ofSeconds(in.integer("idle-s", 10, 0, 3600)),
        Path.of(in.text("results-dir", defaultResultsDir.toString())));
  }

  private static Map<String, String> arguments(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      String plain = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = plain.indexOf('=');
      String key = eq < 0 ? plain : plain.substring(0, eq);
      if (eq < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
      out.put(key, plain.substring(eq + 1));
    }
    return out;
  }

  /** The longest a healthy run can take, so that a hung run is ended instead of waited for. */
  Duration budget() {
    long writes = 2L * (updates + (long) warmup);
    return Duration.ofMinutes(5)
        .plusSeconds(writes / ratePerSecond)
        .plus(drainTimeout.multipliedBy(3))
        .plus(idle);
  }

  /** Arguments first, then system properties; both are validated the same way. */
  private record Lookup(Map<String, String> args, Properties system) {

    String text(String key, String fallback) {
      String value = args.get(key);
      return value != null ? value : system.getProperty("bench." + key, fallback);
    }

    int integer(String key, int fallback, int min, int max) {
      return io.fastschema.realtime.benchmarks.support.BenchArgs.parseInt(
          key, text(key, Integer.toString(fallback)), min, max);
    }
  }
}
