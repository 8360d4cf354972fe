package io.fastschema.realtime.benchmarks;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load benchmark: N WebSocket clients in this process against a realtime server in its own JVM,
 * database writes at a fixed rate, commit → client latency for every delivered message, delivered
 * messages per second, and the server's CPU and heap per connection. Runs against our fanout node
 * ({@code servers=fanout}) and/or the FastSchema-strategy baseline ({@code servers=fastschema}).
 *
 * <p>Processes: this JVM runs the data plane (embedded PostgreSQL, in-process Kafka, ingest; its
 * own in-process fanout node stays idle), the writers and the clients; each run starts a fresh
 * server JVM ({@link ServerProcess}) on the same classpath, so its CPU ({@code /proc}) and live
 * heap ({@code jcmd GC.class_histogram}) are its own. PostgreSQL's CPU is measured too.
 *
 * <p>Run from the repository root (see BENCHMARKS.md for each scenario):
 *
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.LoadTest scenario=latency|sweep|throughput|idle [key=value...]
 * </pre>
 *
 * <p>Exit status: 0 when every expected message arrived, 1 when any was missing, 2 for bad
 * arguments, 3 when the run failed, {@value Watchdog#EXIT_OVERRUN} when it overran its budget.
 */
public final class LoadTest {

  private static final Logger LOG = LoggerFactory.getLogger(LoadTest.class);
  private static final Duration PIPELINE_WARMUP = Duration.ofSeconds(15);

  private LoadTest() {}

  public static void main(String[] args) {
    quietLogging();
    LoadSettings settings;
    try {
      settings = LoadSettings.parse(args, System.getProperties(), defaultResultsDir());
    } catch (IllegalArgumentException e) {
      System.err.println("LoadTest: " + e.getMessage());
      System.err.println(LoadSettings.USAGE);
      System.exit(2);
      return;
    }
    Watchdog.start(budget(settings));
    System.exit(run(settings, System.out, System.err));
  }

  private static int run(LoadSettings settings, PrintStream out, PrintStream err) {
    MachineInfo machine = MachineInfo.current();
    try (EmbeddedStack stack = EmbeddedStack.start(System.getenv())) {
      Long[] rows = insertRows(stack, settings.rows());
      long postmaster = ProcessStat.postmasterOf(stack.appDb().port());
      if (postmaster < 0) {
        LOG.warn("PostgreSQL's postmaster not found in /proc; its CPU is not reported");
      }
      warmPipeline(stack, rows, settings);
      List<LoadResult> results = new ArrayList<>();
      int run = 0;
      for (int clients : settings.clients()) {
        for (ServerUnderTest server : settings.servers()) {
          results.add(new LoadRun(settings, stack, rows, server, clients, ++run, postmaster).run());
          // Written after every run, so an aborted sweep keeps what it measured.
          new LoadReport(settings, stack.describe(), results, machine, Instant.now())
              .write(settings.resultsDir());
        }
      }
      LoadReport report =
          new LoadReport(settings, stack.describe(), results, machine, Instant.now());
      report.print(out);
      out.println(
          "Results written to "
              + report.write(settings.resultsDir()).toAbsolutePath()
              + " (and .svg)");
      long lost = results.stream().mapToLong(LoadResult::lost).sum();
      if (lost > 0) {
        err.printf("%d expected messages did not arrive (see lost_messages per run)%n", lost);
        return 1;
      }
      return 0;
    } catch (Exception e) {
      err.println("LoadTest failed:");
      e.printStackTrace(err);
      return 3;
    }
  }

  /**
   * Writes through the pipeline before the first run: a cold ingest (Debezium, the Kafka producer,
   * JIT) lags by seconds for its first thousands of changes, which would be charged to whichever
   * server runs first.
   */
  private static void warmPipeline(EmbeddedStack stack, Long[] rows, LoadSettings s)
      throws Exception {
    double perSecond = Math.max(50, Math.min(500, s.statementRate()));
    int statements = (int) (perSecond * PIPELINE_WARMUP.toSeconds());
    LOG.info("Warming the pipeline: {} statements at {}/s", statements, perSecond);
    LoadLayout layout = new LoadLayout(rows, 1, s.rowsPerTxn(), s.subscribe());
    WriteLog log = new WriteLog(statements);
    try (PacedWriters writers = PacedWriters.open(stack.appDb(), rows[0], log, s.writers())) {
      writers.write(layout, 0, statements, perSecond);
    }
    Thread.sleep(2000);
  }

  /** The benchmark's own rows, so writes never touch the sample app's seeded ones. */
  private static Long[] insertRows(EmbeddedStack stack, int count) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = stack.appDb().connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO blogs (title, views, "
                    + "published, status) SELECT 'load ' || g, 0, true, 'published' "
                    + "FROM generate_series(1, ?) g RETURNING id")) {
      insert.setInt(1, count);
      try (ResultSet r = insert.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids.toArray(Long[]::new);
  }

  private static Duration budget(LoadSettings s) {
    long perRun =
        90
            + 60
            + s.warmup().toSeconds()
            + s.measure().toSeconds()
            + s.drainTimeout().toSeconds()
            + s.idleHold().toSeconds()
            + s.clients().stream().mapToLong(c -> c / 200).max().orElse(0);
    return Duration.ofMinutes(3).plusSeconds(perRun * s.clients().size() * s.servers().size());
  }

  private static void quietLogging() {
    String prefix = "org.slf4j.simpleLogger.";
    if (System.getProperty(prefix + "defaultLogLevel") == null) {
      System.setProperty(prefix + "defaultLogLevel", "warn");
    }
    String ours = prefix + "log." + LoadTest.class.getPackageName();
    if (System.getProperty(ours) == null) {
      System.setProperty(ours, "info");
    }
    if (System.getProperty(prefix + "showDateTime") == null) {
      System.setProperty(prefix + "showDateTime", "true");
    }
  }

  private static Path defaultResultsDir() {
    try {
      Path code =
          Path.of(LoadTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path parent = code.getParent();
      if (parent != null
          && parent.getFileName() != null
          && parent.getFileName().toString().equals("target")) {
        return parent.resolve("results");
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // an unusual class loader: the working-directory default is fine
    }
    return Path.of("benchmarks", "target", "results");
  }
}
