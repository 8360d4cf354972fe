package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.testing.StalledClientSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load run: a fresh server JVM, N clients, then priming, warm-up and measured writes. Sequence
 * numbers (the values written) run through the phases, so a message is attributed by value: priming
 * {@code [0, 1000)} (every row at once, repeated until every client has a message: proves each
 * subscription is registered), warm-up, measured.
 *
 * <p>Not thread-safe; {@link #run} once.
 */
final class LoadRun {

  private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
  private static final long POLL_MILLIS = 20;

  private final LoadSettings settings;
  private final EmbeddedStack stack;
  private final Long[] rowIds;
  private final ServerUnderTest kind;
  private final int clients;
  private final int runNumber;
  private final long postmaster;

  LoadRun(
      LoadSettings settings,
      EmbeddedStack stack,
      Long[] rowIds,
      ServerUnderTest kind,
      int clients,
      int runNumber,
      long postmaster) {
    this.settings = settings;
    this.stack = stack;
    this.rowIds = rowIds;
    this.kind = kind;
    this.clients = clients;
    this.runNumber = runNumber;
    this.postmaster = postmaster;
  }

  LoadResult run() throws Exception {
    double perSecond = settings.statementRate();
    int warmupStatements = (int) Math.round(perSecond * settings.warmup().toSeconds());
    int measuredStatements = (int) Math.round(perSecond * settings.measure().toSeconds());
    int warmupFrom = Priming.SEQS;
    int measuredFrom = warmupFrom + warmupStatements;
    int end = measuredFrom + measuredStatements;
    WriteLog writes = new WriteLog(end);
    DeliveryTally tally = new DeliveryTally(writes);
    LoadLayout layout =
        new LoadLayout(rowIds, clients, settings.rowsPerTxn(), settings.subscribe());
    try (ServerProcess server =
            ServerProcess.start(
                kind,
                stack,
                settings.serverHeap(),
                settings.baselinePool(),
                settings.resultsDir().resolve("logs"),
                runNumber);
        PacedWriters writers =
            settings.feedTopic()
                ? PacedWriters.feeding(
                    TopicFeed.open(stack.kafkaBootstrapServers(), stack.blogTopic(), writes),
                    writes,
                    settings.writers())
                : PacedWriters.open(stack.appDb(), rowIds[0], writes, settings.writers())) {
      long heapBefore = server.liveHeapBytes();
      String base = "ws://127.0.0.1:" + server.port() + "/api/realtime/content";
      LOG.info("Run {}: {} server, {}", runNumber, kind.wireName(), layout);
      String token = stack.rootUserToken(Duration.ofHours(6));
      try (LoadClients load =
          LoadClients.connect(i -> layout.uri(base, i), token, clients, tally)) {
        // Idle runs also measure before the priming writes, which fill the node's recent
        // deliveries: heap that stays whatever the connections.
        long heapConnected = perSecond == 0 ? server.liveHeapBytes() : -1;
        Priming.untilEveryClientReceives(writers, layout.allRows(), load);
        long heapWith = server.liveHeapBytes();
        long rss = server.rssBytes();
        long held = clients - load.closedCount();
        LOG.info(
            "Live heap {} MiB before, {} MiB with {} clients ({} bytes each)",
            heapBefore >> 20,
            heapWith >> 20,
            held,
            (heapWith - heapBefore) / Math.max(1, held));
        if (perSecond == 0) {
          return idle(server, load, heapBefore, heapConnected, heapWith, rss);
        }
        List<StalledClientSocket> stalled = openStalled(server.port(), token);
        LOG.info("Warm-up: {} statements at {}/s", warmupStatements, perSecond);
        writers.write(layout, warmupFrom, warmupStatements, perSecond);
        Thread.sleep(1000); // let the warm-up's deliveries drain before the measured span
        tally.measure(measuredFrom, end);
        long expected = 0;
        for (int k = 0; k < measuredStatements; k++) {
          expected += layout.expectedMessages(k);
        }
        long cpu0 = server.cpuNanos();
        long client0 = load.cpuNanos();
        long pg0 = postgresCpu();
        double queries0 = queries(server);
        double delivered0 = server.metric(kind.deliveredMetric());
        long wall0 = System.nanoTime();
        LOG.info(
            "Measuring: {} statements at {}/s, {} messages expected",
            measuredStatements,
            perSecond,
            expected);
        Pacing pacing = writers.write(layout, measuredFrom, measuredStatements, perSecond);
        drain(tally, expected, load);
        long wall1 = System.nanoTime();
        closeStalled(stalled, server);
        long cpu1 = server.cpuNanos();
        long client1 = load.cpuNanos();
        long pg1 = postgresCpu();
        double queries1 = queries(server);
        double delivered1 = server.metric(kind.deliveredMetric());
        double wall = wall1 - wall0;
        long last = tally.lastMeasuredArrival();
        double span = last == Long.MIN_VALUE ? Double.NaN : last - pacing.firstStartNanos();
        long messages = tally.measuredMessages();
        return new LoadResult(
            kind,
            clients,
            clients - load.closedCount(),
            measuredStatements,
            (long) measuredStatements * Math.min(settings.rowsPerTxn(), rowIds.length),
            pacing.achievedRate(),
            expected,
            tally.latency(),
            messages,
            tally.measuredRows(),
            messages / (span / 1e9),
            tally.beforeAck(),
            (cpu1 - cpu0) / wall,
            messages == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / messages,
            (client1 - client0) / wall,
            pg0 < 0 || pg1 < 0 ? Double.NaN : (pg1 - pg0) / wall,
            (queries1 - queries0) / measuredStatements,
            delivered1 - delivered0,
            heapBefore,
            heapWith,
            rss,
            Double.NaN,
            -1,
            load.closedSummary());
      }
    }
  }

  private LoadResult idle(
      ServerProcess server,
      LoadClients load,
      long heapBefore,
      long heapConnected,
      long heapWith,
      long rss)
      throws InterruptedException {
    LOG.info("Holding {} idle connections for {} s", load.count(), settings.idleHold().toSeconds());
    long cpu0 = server.cpuNanos();
    long wall0 = System.nanoTime();
    Thread.sleep(settings.idleHold().toMillis());
    double cores = (server.cpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
    return new LoadResult(
        kind,
        clients,
        clients - load.closedCount(),
        0,
        0,
        Double.NaN,
        0,
        new LatencyHistogram(),
        0,
        0,
        Double.NaN,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        heapBefore,
        heapWith,
        rss,
        cores,
        heapConnected,
        load.closedSummary());
  }

  /**
   * Connections that subscribe to every update of the schema and then never read: a stalled client
   * must not slow the measured ones down (their latency is what the run reports).
   */
  private List<StalledClientSocket> openStalled(int port, String token) throws IOException {
    List<StalledClientSocket> out = new ArrayList<>();
    for (int i = 0; i < settings.stalled(); i++) {
      out.add(
          StalledClientSocket.open(port, "/api/realtime/content?schema=blog&event=update", token));
    }
    if (!out.isEmpty()) {
      LOG.info(
          "{} stalled connections open (subscribed to every update, never reading)", out.size());
    }
    return out;
  }

  private void closeStalled(List<StalledClientSocket> stalled, ServerProcess server)
      throws IOException, InterruptedException {
    if (stalled.isEmpty()) {
      return;
    }
    if (kind == ServerUnderTest.FANOUT) {
      LOG.info(
          "{} of {} stalled connections were closed by the server as slow consumers",
          (long) server.metric("fanout_slow_consumer_closes_total"),
          stalled.size());
    }
    for (StalledClientSocket s : stalled) {
      s.close();
    }
  }

  private void drain(DeliveryTally tally, long expected, LoadClients load)
      throws InterruptedException {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (tally.measuredMessages() < expected && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    if (tally.measuredMessages() < expected) {
      LOG.warn(
          "{} of {} measured messages missing {} ms after the last write{}",
          expected - tally.measuredMessages(),
          expected,
          settings.drainTimeout().toMillis(),
          load.closedSummary() == null ? "" : "; connections: " + load.closedSummary());
    }
  }

  private double queries(ServerProcess server) throws IOException, InterruptedException {
    if (kind != ServerUnderTest.FASTSCHEMA) {
      return 0; // the fanout node has no database connection at all
    }
    return server.metric("baseline_queries_total");
  }

  private long postgresCpu() throws IOException {
    return postmaster < 0 ? -1 : ProcessStat.treeCpuNanos(postmaster);
  }
}
