package io.fastschema.realtime.benchmarks;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measurement on a started stack. Sequence numbers (the values written) run through three
 * phases, so every message is attributed to its phase by value alone:
 *
 * <ol>
 *   <li>priming, {@code [0, 600)}: one write every 50 ms until every client has received one. The
 *       fanout node registers a subscription when the server side opens, which can be after the
 *       client's upgrade completed; priming proves the registration instead of sleeping.
 *   <li>warm-up, the next {@code warmup}: paced like the measurement (JIT, prepared statements,
 *       connections, Kafka metadata), then drained so the measurement starts on an empty pipe.
 *   <li>measured, the next {@code updates}: paced, then drained for at most the drain timeout.
 * </ol>
 *
 * <p>Not thread-safe; {@link #run} once.
 */
final class LatencyRun {

  private static final Logger LOG = LoggerFactory.getLogger(LatencyRun.class);
  private static final int PRIMING_WRITES = 600;
  private static final Duration PRIMING_INTERVAL = Duration.ofMillis(50);

  private final RunSettings settings;
  private final EmbeddedStack stack;
  private final MachineInfo machine;
  private final int warmupFrom = PRIMING_WRITES;
  private final int measuredFrom;
  private final int end;

  LatencyRun(RunSettings settings, EmbeddedStack stack, MachineInfo machine) {
    this.settings = settings;
    this.stack = stack;
    this.machine = machine;
    this.measuredFrom = warmupFrom + settings.warmup();
    this.end = measuredFrom + settings.updates();
  }

  LatencyReport run() throws Exception {
    WriteLog writes = new WriteLog(end);
    try (Subscribers clients = connectClients();
        StageProbe probe =
            settings.stages()
                ? StageProbe.start(stack.kafkaBootstrapServers(), stack.blogTopic(), end)
                : null;
        UpdateWriter writer = UpdateWriter.open(stack.appDb(), stack.blogId(), writes)) {
      prime(writer, clients);
      LOG.info("Warming up: {} updates at {}/s", settings.warmup(), settings.ratePerSecond());
      writer.writePaced(warmupFrom, settings.warmup(), settings.ratePerSecond());
      long warmupLost = drain(clients, warmupFrom, measuredFrom);
      ClockAnchor anchor = ClockAnchor.now();
      Measurement measurement = measure(writer, clients);
      StageBreakdown stages =
          probe == null
              ? null
              : StageBreakdown.of(writes, probe, clients.all().get(0), anchor, measuredFrom, end);
      SampleTable.write(
          settings.resultsDir(), writes, clients.all(), probe, anchor, measuredFrom, end);
      LatencyDistribution latency = deliveryLatency(writes, clients);
      IdleCpu idle = settings.idle().isZero() ? null : measureIdle();
      return new LatencyReport(
          settings,
          stack.describe(),
          settings.updates(),
          latency.count(),
          clients.duplicates(),
          clients.unmatched(),
          warmupLost,
          measurement,
          latency,
          commitTimes(writes),
          stages,
          idle,
          machine,
          Instant.now());
    }
  }

  private Subscribers connectClients() throws Exception {
    URI uri =
        URI.create(
            "ws://127.0.0.1:"
                + stack.port()
                + "/api/realtime/content?"
                + settings.scope().query(stack.blogId()));
    LOG.info("Connecting {} client(s) to {}", settings.clients(), uri);
    // The token must outlive the run: an expired one would close the connections mid-way.
    String token = stack.rootUserToken(settings.budget().plusHours(1));
    return Subscribers.connect(uri, token, settings.clients(), end);
  }

  /** The measured writes and their drain, with what the JVM spent on them. */
  private Measurement measure(UpdateWriter writer, Subscribers clients)
      throws SQLException, InterruptedException {
    GcActivity gcBefore = GcActivity.now();
    long cpuBefore = ProcessCpu.nanos();
    LOG.info("Measuring: {} updates at {}/s", settings.updates(), settings.ratePerSecond());
    Pacing pacing = writer.writePaced(measuredFrom, settings.updates(), settings.ratePerSecond());
    drain(clients, measuredFrom, end);
    return new Measurement(
        pacing, GcActivity.now().since(gcBefore), ProcessCpu.nanos() - cpuBefore);
  }

  private IdleCpu measureIdle() throws InterruptedException {
    LOG.info("Writing nothing for {} s: idle CPU", settings.idle().toSeconds());
    return IdleCpu.measure(settings.idle());
  }

  private void prime(UpdateWriter writer, Subscribers clients)
      throws SQLException, InterruptedException {
    for (int seq = 0; seq < PRIMING_WRITES; seq++) {
      writer.write(seq);
      long deadline = System.nanoTime() + PRIMING_INTERVAL.toNanos();
      if (clients.awaitUntil(c -> c.allReceivedAny(0, PRIMING_WRITES), deadline)) {
        LOG.info("Every client receives updates (after {} priming writes)", seq + 1);
        return;
      }
    }
    throw new IllegalStateException(
        "not every client received an update within "
            + PRIMING_INTERVAL.multipliedBy(PRIMING_WRITES)
            + ": the pipeline does not deliver");
  }

  /** Waits for {@code [from, to)} to reach every client; returns the deliveries still missing. */
  private long drain(Subscribers clients, int from, int to) throws InterruptedException {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    if (clients.awaitUntil(c -> c.missing(from, to) == 0, deadline)) {
      return 0;
    }
    long missing = clients.missing(from, to);
    LOG.warn(
        "{} deliveries of updates {}..{} still missing {} ms after the last write",
        missing,
        from,
        to - 1,
        settings.drainTimeout().toMillis());
    return missing;
  }

  private LatencyDistribution deliveryLatency(WriteLog writes, Subscribers clients) {
    long[] samples = new long[(end - measuredFrom) * clients.count()];
    int n = 0;
    for (RowSubscriber client : clients.all()) {
      for (int seq = measuredFrom; seq < end; seq++) {
        if (client.received(seq)) {
          samples[n++] = client.arrivalNanos(seq) - writes.ackNanos(seq);
        }
      }
    }
    return LatencyDistribution.of(Arrays.copyOf(samples, n));
  }

  private LatencyDistribution commitTimes(WriteLog writes) {
    long[] samples = new long[end - measuredFrom];
    for (int seq = measuredFrom; seq < end; seq++) {
      samples[seq - measuredFrom] = writes.ackNanos(seq) - writes.startNanos(seq);
    }
    return LatencyDistribution.of(samples);
  }
}
