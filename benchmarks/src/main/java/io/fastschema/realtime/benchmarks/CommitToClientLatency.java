package io.fastschema.realtime.benchmarks;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Commit-to-client latency of the whole pipeline on one machine: how long after PostgreSQL (or,
 * with {@code database=mariadb}, MariaDB) acknowledged a commit a subscribed WebSocket client has
 * the change.
 *
 * <p>Workload: the standalone jar's embedded stack in this JVM (embedded PostgreSQL, in-process
 * Kafka, sample app, ingest and one fanout node on a free port; see {@link EmbeddedStack}); K
 * clients subscribed to {@code schema=blog&event=update&id=<first seeded blog>}; N single-row
 * {@code UPDATE blogs SET views = <distinct value>} statements, each its own auto-commit
 * transaction on one connection, started at a fixed rate R. Latency = client receive time − the
 * time {@code executeUpdate} returned, both {@code System.nanoTime} in this JVM; messages are
 * matched to writes by the value. Defaults: N=1000, R=100/s, K=1, 200 warm-up writes.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.CommitToClientLatency [database=postgresql|mariadb] \
 *     [updates=1000] [rate=100] \
 *     [clients=1] [warmup=200] [drain-timeout-ms=10000] [scope=record|schema] [stages=true]
 * </pre>
 *
 * Prints a table and writes {@code benchmarks/target/results/commit-to-client-latency.json}. {@code
 * stages=true} also reads the Kafka topic to split the latency into pipeline stages. Pipeline
 * settings are read from the environment as by the standalone jar (e.g. {@code
 * INGEST_POLL_INTERVAL_MS}).
 *
 * <p>Exit status: 0 when every delivery arrived, 1 when any was lost (not there 10 s after the last
 * write), 2 for bad arguments, 3 when the run failed, {@value Watchdog#EXIT_OVERRUN} when it
 * overran its time budget.
 */
public final class CommitToClientLatency {

  private static final int EXIT_LOST = 1;
  private static final int EXIT_USAGE = 2;
  private static final int EXIT_FAILED = 3;

  private CommitToClientLatency() {}

  public static void main(String[] args) {
    quietLoggingUnlessConfigured();
    RunSettings settings;
    try {
      settings = RunSettings.parse(args, System.getProperties(), defaultResultsDir());
    } catch (IllegalArgumentException e) {
      System.err.println("CommitToClientLatency: " + e.getMessage());
      System.err.println(RunSettings.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    Watchdog.start(settings.budget());
    // Explicit exit: Kafka, Debezium and Jetty leave non-daemon threads behind after close.
    System.exit(run(settings, System.out, System.err));
  }

  private static int run(RunSettings settings, PrintStream out, PrintStream err) {
    MachineInfo machine = MachineInfo.current(); // before our own load raises the load average
    try (EmbeddedStack stack = EmbeddedStack.start(System.getenv(), settings.database())) {
      LatencyReport report = new LatencyRun(settings, stack, machine).run();
      report.print(out);
      out.println("Result written to " + report.write(settings.resultsDir()).toAbsolutePath());
      out.flush();
      if (report.lost() > 0) {
        err.printf("FAILED: %d of %d deliveries lost%n", report.lost(), report.expected());
        return EXIT_LOST;
      }
      return 0;
    } catch (Exception e) {
      err.println("CommitToClientLatency failed:");
      e.printStackTrace(err);
      return EXIT_FAILED;
    }
  }

  /**
   * The pipeline logs hundreds of INFO lines while starting; keep WARN and above, and this
   * package's progress lines. Must run before the first logger is created.
   */
  private static void quietLoggingUnlessConfigured() {
    String prefix = "org.slf4j.simpleLogger.";
    if (System.getProperty(prefix + "defaultLogLevel") == null) {
      System.setProperty(prefix + "defaultLogLevel", "warn");
    }
    String ours = prefix + "log." + CommitToClientLatency.class.getPackageName();
    if (System.getProperty(ours) == null) {
      System.setProperty(ours, "info");
    }
  }

  /**
   * {@code <module>/target/results} next to the jar or classes this runs from, so the result lands
   * in the same place whatever the working directory; {@code benchmarks/target/results} otherwise.
   */
  private static Path defaultResultsDir() {
    try {
      Path code =
          Path.of(
              CommitToClientLatency.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      Path parent = code.getParent();
      if (parent != null
          && parent.getFileName() != null
          && parent.getFileName().toString().equals("target")) {
        return parent.resolve("results");
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through: an unusual class loader; the working-directory default is fine
    }
    return Path.of("benchmarks", "target", "results");
  }
}
