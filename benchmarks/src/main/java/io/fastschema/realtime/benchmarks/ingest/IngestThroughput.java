package io.fastschema.realtime.benchmarks.ingest;

import io.fastschema.realtime.benchmarks.GcActivity;
import io.fastschema.realtime.benchmarks.MachineInfo;
import io.fastschema.realtime.benchmarks.ProcessCpu;
import io.fastschema.realtime.benchmarks.Watchdog;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import io.fastschema.realtime.benchmarks.support.SystemCpu;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest throughput: how many row changes per second cdc-ingest takes from PostgreSQL (or, with
 * {@code database=mariadb}, MariaDB) commit to Kafka acknowledgement. Target (issue 5): at least
 * 10,000 changes/s.
 *
 * <p>Workload: {@link IngestRig} (embedded PostgreSQL 17, in-process Kafka, one ingest, no fanout)
 * and one writer connection ({@link ChangeWriter}) committing {@code rows} changes to {@code blogs}
 * as fast as it can, in transactions of each size in {@code tx-sizes}, first inserts, then updates
 * of the inserted rows (full replica identity: before and after images). Measured per workload:
 * from the start of the first transaction to the moment ingest's counter of Kafka-acknowledged
 * events (incremented only after {@code acks=all} acknowledged a batch) reached the workload's
 * count; Kafka's end offsets confirm the count. A warm-up of {@code warmup-rows} inserts and
 * updates runs first.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.ingest.IngestThroughput [database=postgresql|mariadb] \
 *     [ops=insert,update] \
 *     [tx-sizes=1,100,1000] [rows=100000] [warmup-rows=20000]
 * </pre>
 *
 * Prints a table and writes {@code benchmarks/target/results/ingest-throughput.json}. Ingest
 * settings come from the environment as for the standalone jar ({@code INGEST_POLL_INTERVAL_MS}).
 *
 * <p>Exit status: 0 when every workload reached the target, 1 when one did not, 2 bad arguments, 3
 * failed, {@value Watchdog#EXIT_OVERRUN} overran.
 */
public final class IngestThroughput {

  private static final Logger LOG = LoggerFactory.getLogger(IngestThroughput.class);
  private static final int EXIT_BELOW_TARGET = 1;
  private static final int EXIT_USAGE = 2;
  private static final int EXIT_FAILED = 3;
  private static final int WARMUP_ROWS_PER_TX = 100;

  private final IngestThroughputSettings settings;
  private final IngestRig rig;

  private IngestThroughput(IngestThroughputSettings settings, IngestRig rig) {
    this.settings = settings;
    this.rig = rig;
  }

  public static void main(String[] args) {
    ResultFiles.quietLoggingUnlessConfigured(IngestThroughput.class.getPackageName());
    IngestThroughputSettings settings;
    try {
      settings =
          IngestThroughputSettings.parse(
              args, System.getProperties(), ResultFiles.defaultDir(IngestThroughput.class));
    } catch (IllegalArgumentException e) {
      System.err.println("IngestThroughput: " + e.getMessage());
      System.err.println(IngestThroughputSettings.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    Watchdog.start(settings.budget());
    // Explicit exit: Kafka and Debezium leave non-daemon threads behind after close.
    System.exit(run(settings, System.out, System.err));
  }

  private static int run(IngestThroughputSettings settings, PrintStream out, PrintStream err) {
    MachineInfo machine = MachineInfo.current();
    try (IngestRig rig = IngestRig.start(System.getenv(), settings.database())) {
      List<IngestRun> runs = new IngestThroughput(settings, rig).measureAll();
      IngestThroughputReport report =
          new IngestThroughputReport(settings, rig.describe(), runs, machine, Instant.now());
      report.print(out);
      out.println("Result written to " + report.write(settings.resultsDir()).toAbsolutePath());
      out.flush();
      return report.allMeetTarget() ? 0 : EXIT_BELOW_TARGET;
    } catch (Exception e) {
      err.println("IngestThroughput failed:");
      e.printStackTrace(err);
      return EXIT_FAILED;
    }
  }

  private List<IngestRun> measureAll() throws Exception {
    List<IngestRun> runs = new ArrayList<>();
    try (ChangeWriter writer = ChangeWriter.open(rig.appDb())) {
      if (settings.warmupRows() > 0) {
        LOG.info("Warm-up: {} inserts and updates", settings.warmupRows());
        measure(writer, ChangeOp.INSERT, WARMUP_ROWS_PER_TX, settings.warmupRows());
        measure(writer, ChangeOp.UPDATE, WARMUP_ROWS_PER_TX, settings.warmupRows());
      }
      for (ChangeOp op : settings.ops()) {
        for (int txSize : settings.txSizes()) {
          IngestRun run = measure(writer, op, txSize, settings.rows());
          LOG.info("{}", run.row());
          runs.add(run);
        }
      }
    }
    return runs;
  }

  private IngestRun measure(ChangeWriter writer, ChangeOp op, int rowsPerTx, int rows)
      throws Exception {
    long topicBefore = rig.blogTopicRecords();
    long restartsBefore = rig.engineRestarts();
    long cpu0 = ProcessCpu.nanos();
    GcActivity gc0 = GcActivity.now();
    SystemCpu system0 = SystemCpu.now();
    StageCpu stages0 = StageCpu.now();
    AckWatcher acks = new AckWatcher(rig::acknowledgedEvents, rows);
    long[] written = writer.write(op, rows, rowsPerTx);
    long[] acked = acks.await(settings.drainTimeout());
    long cpu = ProcessCpu.nanos() - cpu0;
    GcActivity gc = GcActivity.now().since(gc0);
    long systemBusy = SystemCpu.now().busySince(system0);
    Map<StageCpu.Stage, Long> stageNanos = StageCpu.now().since(stages0);
    long topicAdded = rig.blogTopicRecords() - topicBefore;
    if (topicAdded < rows) {
      throw new IllegalStateException(
          "ingest counted "
              + rows
              + " acknowledged events but the "
              + "blog topic grew by "
              + topicAdded);
    }
    long span = acked[1] - written[0];
    return new IngestRun(
        op,
        rowsPerTx,
        rows,
        written[1] - written[0],
        span,
        acked[1] - acked[0],
        Math.max(0, acked[1] - written[1]),
        topicAdded,
        (double) cpu / span,
        Math.max(0, systemBusy - cpu) / (double) span,
        gc.millis(),
        rig.engineRestarts() - restartsBefore,
        stageNanos);
  }
}
