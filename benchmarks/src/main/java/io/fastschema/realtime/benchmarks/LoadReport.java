package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All runs of one {@link LoadTest} invocation: a table for people, {@code load-<scenario>.json} for
 * tools, and {@code load-<scenario>.svg} (latency, delivered messages/s and queries per statement
 * against subscribers, one line per server).
 *
 * @param settings what was asked for
 * @param pipeline the ingest settings that shape latency
 * @param runs one result per server and subscriber count, in run order
 * @param machine where it ran
 */
record LoadReport(
    LoadSettings settings,
    Map<String, Object> pipeline,
    List<LoadResult> runs,
    MachineInfo machine,
    Instant finishedAt) {

  private static final Map<ServerUnderTest, String> COLORS =
      Map.of(ServerUnderTest.FANOUT, "#1f77b4", ServerUnderTest.FASTSCHEMA, "#d62728");

  void print(PrintStream out) {
    out.printf(Locale.ROOT, "%n=== load: %s ===%n", settings.scenario());
    out.printf(
        Locale.ROOT,
        "%s row changes/s, %d rows per statement, %s subscriptions over %d "
            + "rows, %d writers, %d s measured after %d s warm-up%n",
        settings.rate(),
        settings.rowsPerTxn(),
        settings.subscribe().wireName(),
        settings.rows(),
        settings.writers(),
        settings.measure().toSeconds(),
        settings.warmup().toSeconds());
    out.printf(
        Locale.ROOT,
        "%-10s %7s %7s %9s %9s %8s %8s %8s %8s %8s %10s %6s %7s %7s %6s %7s %9s%n",
        "server",
        "clients",
        "held",
        "expected",
        "received",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "msg/s",
        "cpu",
        "µs/msg",
        "client",
        "pg cpu",
        "q/stmt",
        "heap/conn");
    for (LoadResult r : runs) {
      LatencyHistogram l = r.latency();
      out.printf(
          Locale.ROOT,
          "%-10s %7d %7d %9d %9d %8.2f %8.2f %8.2f %8.2f %8.2f %10.0f %6.2f %7.2f %6.2f%1s %6.2f %7.1f"
              + " %9.0f%n",
          r.server().wireName(),
          r.clients(),
          r.held(),
          r.expectedMessages(),
          r.messages(),
          l.percentileMs(50),
          l.percentileMs(90),
          l.percentileMs(99),
          l.percentileMs(99.9),
          l.maxMs(),
          r.deliveredPerSecond(),
          Double.isNaN(r.idleCpuCores()) ? r.serverCpuCores() : r.idleCpuCores(),
          r.serverCpuMicrosPerMessage(),
          r.clientCpuCores(),
          r.clientSuspect() ? "!" : "",
          r.postgresCpuCores(),
          r.queriesPerStatement(),
          r.heapPerConnection());
      if (r.liveHeapConnected() >= 0) {
        out.printf(
            Locale.ROOT,
            "           heap/conn before priming: %.0f (live heap %d MiB before, %d MiB connected,"
                + " %d MiB after the priming writes)%n",
            r.heapPerConnectionUnprimed(),
            r.liveHeapBefore() >> 20,
            r.liveHeapConnected() >> 20,
            r.liveHeapWithClients() >> 20);
      }
      if (r.closedNote() != null) {
        out.println("           connections: " + r.closedNote());
      }
    }
    out.println(
        "cpu = server JVM cores (idle runs: while idle); µs/msg = server CPU per delivered message;"
            + " client = the receivers' reading thread, cores (! above half a core: the client may"
            + " limit the run); pg cpu = PostgreSQL cores; "
            + "heap/conn = live-heap growth per held connection, bytes (after the priming writes,"
            + " which also fill the node's recent deliveries; idle runs add it before them)");
    machine.lines().forEach(out::println);
    out.flush();
  }

  Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "load");
    root.put("finished_at", finishedAt.toString());
    root.put("settings", settings.toJson());
    root.put("pipeline", pipeline);
    List<Map<String, Object>> results = new ArrayList<>();
    runs.forEach(r -> results.add(r.toJson()));
    root.put("runs", results);
    root.put("machine", machine.toJson());
    root.put("note", "measured on a machine shared with other work; see machine.load_average");
    return root;
  }

  SvgChart chart() {
    List<SvgChart.Series> latency = new ArrayList<>();
    List<SvgChart.Series> rate = new ArrayList<>();
    List<SvgChart.Series> queries = new ArrayList<>();
    for (ServerUnderTest server : settings.servers()) {
      List<LoadResult> mine = runs.stream().filter(r -> r.server() == server).toList();
      String color = COLORS.get(server);
      String name =
          server == ServerUnderTest.FANOUT ? "fastschema-realtime" : "FastSchema strategy";
      latency.add(
          new SvgChart.Series(
              name + " p99", color, false, points(mine, r -> r.latency().percentileMs(99))));
      latency.add(
          new SvgChart.Series(
              name + " p50", color, true, points(mine, r -> r.latency().percentileMs(50))));
      rate.add(
          new SvgChart.Series(
              name + " delivered", color, false, points(mine, LoadResult::deliveredPerSecond)));
      rate.add(
          new SvgChart.Series(
              name + " expected",
              color,
              true,
              points(mine, r -> r.expectedMessages() / (double) settings.measure().toSeconds())));
      queries.add(
          new SvgChart.Series(
              name, color, false, points(mine, r -> Math.max(r.queriesPerStatement(), 0.01))));
    }
    String note =
        String.format(
            Locale.ROOT,
            "%d row changes/s, %s subscriptions, %d rows/statement;"
                + " %d CPUs shared with other work (%s), %s",
            settings.rate(),
            settings.subscribe().wireName(),
            settings.rowsPerTxn(),
            machine.cpus(),
            machine.cpuModel(),
            finishedAt.toString().substring(0, 10));
    return new SvgChart("Load: " + settings.scenario(), note)
        .panel(new SvgChart.Panel("commit → client latency", "ms (log)", latency))
        .panel(new SvgChart.Panel("messages per second", "messages/s (log)", rate))
        .panel(
            new SvgChart.Panel(
                "database queries per change",
                "queries/statement (log; 0 shown" + " as 0.01)",
                queries));
  }

  private static List<double[]> points(
      List<LoadResult> runs, java.util.function.ToDoubleFunction<LoadResult> y) {
    return runs.stream().map(r -> new double[] {r.clients(), y.applyAsDouble(r)}).toList();
  }

  /** Writes the JSON and the SVG into {@code dir}; returns the JSON file. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("load-" + settings.scenario() + ".json");
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(file, json.writeValueAsString(toJson()) + "\n");
    Files.writeString(dir.resolve("load-" + settings.scenario() + ".svg"), chart().render());
    return file;
  }
}
