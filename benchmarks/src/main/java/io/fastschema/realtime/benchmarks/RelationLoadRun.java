package io.fastschema.realtime.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link RelationLoadBenchmark}: a fresh fanout JVM, N clients on the variant's ten
 * subscriptions (client {@code i} on subscription {@code i mod 10}), priming, warm-up, then
 * measured single-row updates cycling through every blog. Blogs of partitions 10 and up match no
 * subscription: the node still judges every change against all ten.
 *
 * <p>Sequence numbers (the {@code views} written) run through the phases, as in {@link LoadRun}:
 * priming {@code [0, 1000)}, warm-up, measured. Not thread-safe; {@link #run} once.
 */
final class RelationLoadRun {

  private static final Logger LOG = LoggerFactory.getLogger(RelationLoadRun.class);
  private static final Duration STATS_SETTLE = Duration.ofMillis(1500);
  private static final long POLL_MILLIS = 20;
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration QUIET_LIMIT = Duration.ofSeconds(60);

  private final RelationLoadSettings settings;
  private final EmbeddedStack stack;
  private final RelationLoadData data;
  private final RelationLoadSubscriptions variant;
  private final int runNumber;

  RelationLoadRun(
      RelationLoadSettings settings,
      EmbeddedStack stack,
      RelationLoadData data,
      RelationLoadSubscriptions variant,
      int runNumber) {
    this.settings = settings;
    this.stack = stack;
    this.data = data;
    this.variant = variant;
    this.runNumber = runNumber;
  }

  RelationLoadResult run() throws Exception {
    Long[] blogs = data.blogIds();
    int clients = settings.clients();
    double rate = settings.rate();
    int warmupStatements = (int) Math.round(rate * settings.warmup().toSeconds());
    int measuredStatements = (int) Math.round(rate * settings.measure().toSeconds());
    int measuredFrom = Priming.SEQS + warmupStatements;
    int end = measuredFrom + measuredStatements;
    WriteLog writes = new WriteLog(end);
    DeliveryTally tally = new DeliveryTally(writes);
    // Only its row cycle is used: statement k updates blog k mod rows.
    LoadLayout rows = new LoadLayout(blogs, clients, 1, LoadSubscription.SCHEMA);
    Path logs = settings.resultsDir().resolve("logs");
    try (ServerProcess server =
        ServerProcess.start(
            ServerUnderTest.FANOUT, stack, settings.serverHeap(), 0, logs, runNumber)) {
      String base = "ws://127.0.0.1:" + server.port() + "/api/realtime/content?";
      String[] queries = variant.queries(data).toArray(String[]::new);
      LOG.info("Run {}: {} subscriptions, {} clients", runNumber, variant.wireName(), clients);
      String token = stack.rootUserToken(Duration.ofHours(6));
      try (LoadClients load =
          LoadClients.connect(
              i -> java.net.URI.create(base + queries[i % queries.length]),
              token,
              clients,
              tally)) {
        try (PacedWriters writers =
            PacedWriters.open(stack.appDb(), blogs[0], writes, settings.writers())) {
          // One blog of each subscribed partition: a small backlog for the pipeline.
          Priming.untilEveryClientReceives(
              writers, Arrays.copyOf(blogs, RelationLoadSubscriptions.COUNT), load);
          LOG.info("Warm-up: {} statements at {}/s", warmupStatements, rate);
          writers.write(rows, Priming.SEQS, warmupStatements, rate);
        }
        awaitQuiet(tally);
        tally.measure(measuredFrom, end);
        long expected = 0;
        for (int k = 0; k < measuredStatements; k++) {
          expected += expectedMessages(k, blogs.length, clients); // each write() starts at blog 0
        }
        PacedWriters writers =
            PacedWriters.open(stack.appDb(), blogs[0], writes, settings.writers());
        DatabaseActivity db0 = DatabaseActivity.sample(stack.appDb());
        long dbWall0 = System.nanoTime();
        long cpu0 = server.cpuNanos();
        long wall0 = System.nanoTime();
        LOG.info(
            "Measuring: {} statements at {}/s, {} messages expected",
            measuredStatements,
            rate,
            expected);
        Pacing pacing;
        LatencyHistogram toKafka = new LatencyHistogram();
        try (StageProbe probe =
            StageProbe.start(stack.kafkaBootstrapServers(), stack.blogTopic(), end)) {
          try {
            pacing = writers.write(rows, measuredFrom, measuredStatements, rate);
          } finally {
            writers.close(); // a backend publishes its statistics when it exits
          }
          drain(tally, expected);
          for (int seq = measuredFrom; seq < end; seq++) {
            if (probe.readNanos(seq) != WriteLog.NONE) {
              toKafka.record(probe.readNanos(seq) - writes.ackNanos(seq));
            }
          }
        }
        long drained = System.nanoTime();
        long wall1 = System.nanoTime();
        long cpu1 = server.cpuNanos();
        long settleLeft = STATS_SETTLE.toNanos() - (System.nanoTime() - drained);
        if (settleLeft > 0) {
          TimeUnit.NANOSECONDS.sleep(settleLeft);
        }
        DatabaseActivity db = DatabaseActivity.sample(stack.appDb()).minus(db0);
        double dbSeconds = (System.nanoTime() - dbWall0) / 1e9;
        long heap = server.liveHeapBytes();
        int dbConnections = SocketsOf.connectionsTo(server.pid(), stack.appDb().port());
        LOG.info(
            "Connections to PostgreSQL: fanout JVM {}, this JVM {} (control: ingest's)",
            dbConnections,
            SocketsOf.connectionsTo(ProcessHandle.current().pid(), stack.appDb().port()));
        long messages = tally.measuredMessages();
        long last = tally.lastMeasuredArrival();
        double span = last == Long.MIN_VALUE ? Double.NaN : last - pacing.firstStartNanos();
        // The first sample's own SELECT is counted in the second one.
        long others = db.transactions() - measuredStatements - 1;
        return new RelationLoadResult(
            variant,
            runNumber,
            clients - (int) load.closedCount(),
            expected,
            messages,
            tally.latency(),
            toKafka,
            pacing.achievedRate(),
            messages / (span / 1e9),
            (cpu1 - cpu0) / (double) (wall1 - wall0),
            (cpu1 - cpu0) / 1e6 / measuredStatements * 1000,
            heap,
            db.transactions() / dbSeconds,
            others / dbSeconds,
            db.tuplesReturned() / dbSeconds,
            dbConnections,
            load.closedSummary());
      }
    }
  }

  /**
   * Messages statement {@code k} produces: 1 per client of the subscription of its blog's
   * partition, 0 for blogs outside the first ten partitions.
   */
  private long expectedMessages(long k, int rows, int clients) {
    int s = data.partitionOf((int) (k % rows));
    if (s >= RelationLoadSubscriptions.COUNT) {
      return 0;
    }
    int n = RelationLoadSubscriptions.COUNT;
    return clients / n + (s < clients % n ? 1 : 0);
  }

  /**
   * Waits until no more warm-up messages arrive (none for {@link #QUIET}, at most {@link
   * #QUIET_LIMIT}): on a busy machine the pipeline lags, and a measured span that starts with the
   * warm-up's backlog measures the backlog.
   */
  private static void awaitQuiet(DeliveryTally tally) throws InterruptedException {
    long deadline = System.nanoTime() + QUIET_LIMIT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      long now = tally.otherMessages();
      if (now == seen) {
        return;
      }
      seen = now;
      Thread.sleep(QUIET.toMillis());
    }
    LOG.warn(
        "Warm-up messages still arriving after {} s; measuring anyway", QUIET_LIMIT.toSeconds());
  }

  private void drain(DeliveryTally tally, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (tally.measuredMessages() < expected && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    if (tally.measuredMessages() < expected) {
      LOG.warn(
          "{} of {} measured messages missing after the drain timeout",
          expected - tally.measuredMessages(),
          expected);
    }
  }
}
