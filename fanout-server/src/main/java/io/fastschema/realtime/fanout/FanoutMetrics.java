package io.fastschema.realtime.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The fanout node's hot-path meters, created once so that counting costs one adder increment and no
 * allocation or registry lookup. Gauges (connections, subscriptions, Kafka lag) are read at scrape
 * time by {@link FanoutServer} and {@link KafkaEventSource} instead.
 *
 * <p>Thread-safe: Micrometer counters and timers are.
 */
public final class FanoutMetrics {

  private final MeterRegistry registry;
  public final Counter eventsConsumed;
  public final Counter eventsDuplicate;
  public final Counter eventsMalformed;
  public final Counter messagesDelivered;
  public final Counter messagesFiltered;
  public final Counter slowConsumerCloses;
  public final Counter nodeQueueEvictions;
  public final Counter handshakesRefusedBusy;

  /** Handshakes answered 503 because REALTIME_MAX_CONNECTIONS connections were open. */
  public final Counter handshakesRefusedFull;

  /** Connections closed for not sending a request head within REALTIME_HANDSHAKE_TIMEOUT_MS. */
  public final Counter handshakesTimedOut;

  /** Connections dropped for not completing the node's close within REALTIME_CLOSE_TIMEOUT_MS. */
  public final Counter connectionsReaped;

  /** Requests Jetty's parser refused (400, 414, 431): headers too large, malformed. */
  public final Counter badRequests;

  public final Counter replaysStarted;
  public final Counter replaysRefused;

  /** Replays given up because their client read nothing for REALTIME_REPLAY_STALL_MS. */
  public final Counter replaysStalled;

  public final Counter replayedMessages;

  /** Relation state records read (RELATIONS.md), snapshots and changes. */
  public final Counter relationStateRecords;

  /** Commit in PostgreSQL → message queued to its subscribers, once per delivery. */
  private final Timer commitToEnqueue;

  /** One counter per close code seen; client-chosen codes outside the known ones share "other". */
  private final Map<Integer, Counter> closesByCode = new ConcurrentHashMap<>();

  public FanoutMetrics(MeterRegistry registry) {
    this.registry = registry;
    eventsConsumed =
        Counter.builder("fanout.events.consumed")
            .description("Record events read from Kafka and passed on to subscribers")
            .register(registry);
    eventsDuplicate =
        Counter.builder("fanout.events.duplicate")
            .description("Record events dropped because their id was already seen (ingest replay)")
            .register(registry);
    eventsMalformed =
        Counter.builder("fanout.events.malformed")
            .description("Kafka records skipped because they could not be decoded")
            .register(registry);
    messagesDelivered =
        Counter.builder("fanout.messages.delivered")
            .description("Messages queued to client sessions")
            .register(registry);
    messagesFiltered =
        Counter.builder("fanout.messages.filtered")
            .description(
                "Matching subscribers that got no message because their filter admitted no row")
            .register(registry);
    slowConsumerCloses =
        Counter.builder("fanout.slow.consumer.closes")
            .description("Connections closed with 4008 because their queue overflowed")
            .register(registry);
    nodeQueueEvictions =
        Counter.builder("fanout.node.queue.evictions")
            .description(
                "Connections closed with 4008 because the node-wide outbound bound was reached "
                    + "(also counted in fanout.slow.consumer.closes)")
            .register(registry);
    handshakesRefusedBusy =
        Counter.builder("fanout.handshakes.refused.busy")
            .description("Handshakes refused with 1013 because the node's outbound bound is near")
            .register(registry);
    handshakesRefusedFull =
        Counter.builder("fanout.handshakes.refused.full")
            .description(
                "Handshakes answered 503 because REALTIME_MAX_CONNECTIONS connections were open")
            .register(registry);
    handshakesTimedOut =
        Counter.builder("fanout.handshakes.timed.out")
            .description(
                "Connections closed for not sending a complete request head within "
                    + "REALTIME_HANDSHAKE_TIMEOUT_MS (slow headers)")
            .register(registry);
    connectionsReaped =
        Counter.builder("fanout.connections.reaped")
            .description(
                "Connections dropped because the client did not complete a close the node started "
                    + "within REALTIME_CLOSE_TIMEOUT_MS")
            .register(registry);
    badRequests =
        Counter.builder("fanout.http.bad.requests")
            .description(
                "Requests refused by the HTTP parser: 400, 414 and 431 (headers too large)")
            .register(registry);
    replaysStarted =
        Counter.builder("fanout.replays.started")
            .description(
                "Resuming sessions (since=<cursor>) whose missed messages were read from Kafka")
            .register(registry);
    replaysRefused =
        Counter.builder("fanout.replays.refused")
            .description(
                "Resuming sessions closed because their cursor was expired or did not fit the log")
            .register(registry);
    replaysStalled =
        Counter.builder("fanout.replays.stalled")
            .description(
                "Replays whose client read nothing for REALTIME_REPLAY_STALL_MS: closed with 4008")
            .register(registry);
    replayedMessages =
        Counter.builder("fanout.replays.messages")
            .description("Messages queued to resuming sessions from their replay")
            .register(registry);
    relationStateRecords =
        Counter.builder("fanout.relation.state.records")
            .description("relation state records read from the state topics")
            .register(registry);
    commitToEnqueue =
        Timer.builder("fanout.delivery.latency")
            .description("Database commit to message queued for sending, once per delivery")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
  }

  /** Meters that nobody scrapes: for components built outside a {@link FanoutServer} (tests). */
  public static FanoutMetrics unregistered() {
    return new FanoutMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * @param commitTimeMs the delivery's commit time, epoch ms of the database's clock
   */
  public void delivered(long commitTimeMs) {
    long ms = System.currentTimeMillis() - commitTimeMs;
    commitToEnqueue.record(Math.max(0, ms), TimeUnit.MILLISECONDS);
  }

  /** Counts a closed connection by its close code (sent or received). */
  public void closed(int code) {
    int tag = known(code) ? code : -1;
    closesByCode
        .computeIfAbsent(
            tag,
            c ->
                Counter.builder("fanout.connections.closed")
                    .description("Closed WebSocket connections by close code")
                    .tag("code", c < 0 ? "other" : Integer.toString(c))
                    .register(registry))
        .increment();
  }

  /** RFC 6455's codes and ours; anything else a client sends is "other", to bound the tags. */
  private static boolean known(int code) {
    if (code >= 1000 && code <= 1015) {
      return true;
    }
    for (CloseReason r : CloseReason.values()) {
      if (r.code() == code) {
        return true;
      }
    }
    return false;
  }
}
