package io.fastschema.realtime.faultdrill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault drill: subscribe clients to {@code schema=blog} on fanout node a, check that the path
 * works, write {@code rows} blog rows, inject the fault once {@code faultAfterRows} are committed,
 * finish writing, then count per client and per row what arrived. Subclasses inject the fault.
 */
abstract class Scenario {

  private static final Logger LOG = LoggerFactory.getLogger(Scenario.class);
  private static final Duration WRITE_LIMIT = Duration.ofMinutes(5);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);

  final String key;
  final String fault;
  final int rows;
  final int ratePerSecond;
  final int faultAfterRows;
  final int clientCount;

  Scenario(
      String key, String fault, int rows, int ratePerSecond, int faultAfterRows, int clientCount) {
    this.key = key;
    this.fault = fault;
    this.rows = rows;
    this.ratePerSecond = ratePerSecond;
    this.faultAfterRows = faultAfterRows;
    this.clientCount = clientCount;
  }

  /**
   * Rows per write statement: 1 writes one {@code INSERT} per transaction; more writes each batch
   * with one {@code COPY}, whose rows PostgreSQL logs as one WAL record (they share an LSN).
   */
  int rowsPerStatement() {
    return 1;
  }

  /** The handshake's {@code since} argument; null for none. */
  String since() {
    return null;
  }

  /** Runs once the clients are live, before the writer starts: rows the writes need. */
  void prepare(DrillStack stack, Clients clients, String prefix) {}

  /** The writer of the scenario's {@code rows}. */
  RowWriter newWriter(DrillStack stack, String prefix) {
    return new RowWriter(stack.appDb(), prefix, rows, ratePerSecond, rowsPerStatement());
  }

  /** What the writes committed, one title per change the clients must get, from the database. */
  Set<String> committed(DrillStack stack, String prefix) {
    return stack.committedTitles(prefix);
  }

  /**
   * How often each message a committed change consists of reached {@code s}: one count for an
   * insert (its create).
   */
  List<Integer> arrivals(Subscriber s, String committedTitle) {
    return List.of(s.count(committedTitle));
  }

  /** Whether a row a client received (a {@link Subscriber} count key) was to be received. */
  boolean expected(String receivedKey, Set<String> committed) {
    return committed.contains(receivedKey);
  }

  /** Rows (titles of after-images) the schema topic must hold for the scenario. */
  int expectedRowsInKafka(Set<String> committed) {
    return committed.size();
  }

  /** Why the scenario cannot run against this stack (seen on the live clients), or null. */
  String unsupported(List<Subscriber> subscribers) {
    return null;
  }

  /** Injects the fault (the writer keeps writing) and returns when the failed part is back. */
  abstract FaultTimes inject(DrillStack stack, Clients clients);

  /**
   * When the fault took effect and when the failed part was back ({@code System.nanoTime}).
   *
   * @param downAt the victim is confirmed dead: a row committed later can only reach a client
   *     through the recovered path (rows committed between the start of the kill and this moment
   *     may have gone the old way)
   * @param backAt the failed part is back: see {@link ScenarioResult#componentBackMs()}
   */
  record FaultTimes(long downAt, long backAt) {}

  /** The scenario's live clients: subscribers and their current connections. */
  static final class Clients {
    final RealtimeClients ws;
    final String token;
    final List<Subscriber> subscribers = new ArrayList<>();
    final List<SubscriberConnection> connections = new ArrayList<>();
    final List<String> closes = new ArrayList<>();

    Clients(RealtimeClients ws, String token) {
      this.ws = ws;
      this.token = token;
    }
  }

  final ScenarioResult run(DrillStack stack, RealtimeClients ws, String runId) {
    String prefix = "drill-" + key + "-" + runId + "-";
    LOG.info(
        "=== {}: {} ({} rows{}, fault after {})",
        key,
        fault,
        rows,
        ratePerSecond > 0 ? " at " + ratePerSecond + "/s" : ", unpaced",
        faultAfterRows);
    Clients clients = new Clients(ws, stack.rootToken());
    try {
      ServiceNode entry = stack.fanouts().get(0);
      for (int i = 0; i < clientCount; i++) {
        Subscriber subscriber = new Subscriber("client-" + i, prefix);
        clients.subscribers.add(subscriber);
        clients.connections.add(
            ws.connect(subscriber, stack.blogUri(entry, since()), clients.token));
      }
      awaitLive(stack, clients.subscribers, prefix);
      String unsupported = unsupported(clients.subscribers);
      if (unsupported != null) {
        LOG.warn("{} SKIPPED: {}", key, unsupported);
        return ScenarioResult.skipped(key, fault, unsupported);
      }
      return measure(stack, clients, prefix);
    } finally {
      clients.connections.forEach(SubscriberConnection::close);
    }
  }

  private ScenarioResult measure(DrillStack stack, Clients clients, String prefix) {
    long faultAt;
    FaultTimes times;
    prepare(stack, clients, prefix);
    try (RowWriter writer = newWriter(stack, prefix)) {
      writer.start();
      writer.awaitAcknowledged(faultAfterRows, WRITE_LIMIT);
      faultAt = System.nanoTime();
      int committedBefore = writer.acknowledgedCount();
      times = inject(stack, clients);
      LOG.info(
          "{}: fault injected after {} committed rows; down after {} ms, back after {} ms",
          key,
          committedBefore,
          (times.downAt() - faultAt) / 1_000_000,
          (times.backAt() - faultAt) / 1_000_000);
      writer.awaitDone(WRITE_LIMIT);
      Set<String> committed = committed(stack, prefix);
      awaitDelivered(clients.subscribers, committed);
      clients.connections.forEach(
          c -> {
            if (c.closed().isDone()) {
              clients.closes.add(c.closed().join());
            }
          });
      return result(stack, clients, prefix, writer, committed, faultAt, times);
    }
  }

  private ScenarioResult result(
      DrillStack stack,
      Clients clients,
      String prefix,
      RowWriter writer,
      Set<String> committed,
      long faultAt,
      FaultTimes times) {
    long delivered = 0;
    long duplicates = 0;
    long unexpected = 0;
    long slowestRecovery = -1;
    long behindAtFault = 0;
    List<String> notes = new ArrayList<>();
    int acknowledged = writer.acknowledgedCount();
    for (Subscriber s : clients.subscribers) {
      Long firstAfterFault = null;
      long behind = 0;
      for (String title : committed) {
        Long acked = writer.acknowledgedAt(title);
        Long first = s.firstArrival(title);
        if (acked != null && acked <= times.downAt() && (first == null || first > times.downAt())) {
          behind++; // committed before the fault, not yet at the client when it struck
        }
        List<Integer> counts = arrivals(s, title);
        duplicates += counts.stream().mapToInt(c -> Math.max(0, c - 1)).sum();
        if (counts.stream().allMatch(c -> c > 0)) {
          delivered++;
          Long ackedAt = writer.acknowledgedAt(title);
          Long arrived = s.firstArrival(title);
          if (ackedAt != null
              && ackedAt > times.downAt()
              && (firstAfterFault == null || arrived < firstAfterFault)) {
            firstAfterFault = arrived;
          }
        }
      }
      for (String title : s.received()) {
        if (!expected(title, committed)) {
          unexpected++;
          duplicates += s.count(title) - 1;
        }
      }
      behindAtFault = Math.max(behindAtFault, behind);
      if (firstAfterFault == null) {
        notes.add(s.name() + " got no row committed after the fault took effect");
      } else {
        slowestRecovery = Math.max(slowestRecovery, (firstAfterFault - faultAt) / 1_000_000);
      }
      if (!s.unparsable().isEmpty()) {
        notes.add(s.name() + " got unparsable messages: " + s.unparsable());
      }
    }
    long lost = (long) committed.size() * clients.subscribers.size() - delivered;
    int ambiguous = committed.size() - acknowledged;
    if (ambiguous > 0) {
      notes.add(ambiguous + " rows committed without the writer seeing the acknowledgement");
    }
    TopicAudit audit = TopicAudit.of(stack.kafka().bootstrapServers(), stack.blogTopic(), prefix);
    if (audit.distinctRows() != expectedRowsInKafka(committed)) {
      notes.add(
          "Kafka holds "
              + audit.distinctRows()
              + " of the "
              + expectedRowsInKafka(committed)
              + " rows it should");
    }
    boolean passed = lost == 0 && duplicates == 0 && unexpected == 0;
    return new ScenarioResult(
        key,
        fault,
        passed ? "PASSED" : "FAILED",
        String.join("; ", notes),
        clients.subscribers.size(),
        committed.size(),
        acknowledged,
        writer.failedAttempts(),
        delivered,
        duplicates,
        lost,
        unexpected,
        slowestRecovery,
        (times.backAt() - faultAt) / 1_000_000,
        behindAtFault,
        audit.records(),
        audit.replays(),
        List.copyOf(clients.closes));
  }

  /** A marker row must reach every client before the drill writes: the path works end to end. */
  private static void awaitLive(DrillStack stack, List<Subscriber> subscribers, String prefix) {
    RowWriter marker = new RowWriter(stack.appDb(), "drill-marker-" + prefix, 1, 0, 1);
    marker.start();
    marker.awaitDone(Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (subscribers.stream().anyMatch(s -> s.messages() == 0)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the marker row did not reach every client within 60 s: "
                + "the stack does not deliver; see the process logs");
      }
      Sleep.millis(20);
    }
  }

  /** Waits until every client has every committed row, or {@link #DRAIN_LIMIT} passed. */
  private void awaitDelivered(List<Subscriber> subscribers, Set<String> committed) {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean complete =
          subscribers.stream()
              .allMatch(
                  s ->
                      committed.stream()
                          .allMatch(t -> arrivals(s, t).stream().allMatch(c -> c > 0)));
      if (complete) {
        Sleep.millis(1000); // let late duplicates show
        return;
      }
      Sleep.millis(200);
    }
    LOG.warn("{}: not every committed row arrived within {}", key, DRAIN_LIMIT);
  }
}
