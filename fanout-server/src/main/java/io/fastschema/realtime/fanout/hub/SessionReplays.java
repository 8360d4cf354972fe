package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.stream.CursorNotServed;
import io.fastschema.realtime.fanout.stream.KafkaEventSource;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import io.fastschema.realtime.fanout.stream.TopicReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings resuming sessions ({@code since=}) up to the live stream. {@code since=now} joins at once.
 * {@code since=<cursor>} first reads the session's schema topic from the cursor ({@link
 * TopicReplay}), applying the session's filter and select; once it has read up to where the live
 * stream stands it hands over ({@link LiveHandOver}), so the client gets no gap and no message
 * twice.
 *
 * <p>A replay never overflows its client: it waits while the session's queue is half full, and a
 * client that makes no room within {@code stall} (it reads nothing) loses its slot and is closed as
 * a slow consumer (4008, with its cursor): clients that do not read cannot hold every slot. At most
 * {@code maxConcurrent} replays read at once (each holds a consumer and a thread); others wait,
 * connected, in arrival order (the pool's queue is FIFO).
 *
 * <p>Thread-safe.
 */
public final class SessionReplays implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionReplays.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrap;
  private final KafkaEventSource live;
  private final LiveHandOver handOver;
  private final SubscriptionRegistry registry;
  private final RecordEventCodec codec;
  private final FanoutMetrics metrics;
  private final ExecutorService pool;

  /** How long a replay waits for its client to make room before it gives its slot up. */
  private final Duration stall;

  private final Set<ClientSession> replaying = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public SessionReplays(
      String bootstrap,
      int maxConcurrent,
      Duration stall,
      int maxQueueMessages,
      KafkaEventSource live,
      SubscriptionRegistry registry,
      RecordEventCodec codec,
      FanoutMetrics metrics) {
    this.bootstrap = bootstrap;
    this.stall = stall;
    this.live = live;
    // A join catches a session up with half its queue at most: beyond, the replay's backpressure.
    this.handOver = new LiveHandOver(live, registry, Math.max(1, maxQueueMessages / 2));
    this.registry = registry;
    this.codec = codec;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            maxConcurrent, r -> new Thread(r, "fanout-replay-" + n.incrementAndGet()));
  }

  /**
   * This node's live position in a subscription's topic ({@code since=now}), as published after the
   * last poll: never waits for the consumer thread, so a stalled consumer cannot hold handshakes
   * (and the Jetty threads that health checks need).
   */
  public StreamPosition livePosition(Subscription s) throws HandshakeRejection {
    String topic = live.topicOf(s.schema().name());
    try {
      return live.lastPublishedPosition(topic);
    } catch (IllegalStateException e) {
      LOG.warn("No live position for {}: {}", topic, e.getMessage());
      throw new HandshakeRejection(
          CloseReason.GOING_AWAY, "realtime.content: node not streaming, reconnect");
    }
  }

  /** Starts a resuming session: it joins the live stream now or after its replay. */
  public void start(ClientSession session) {
    ResumeRequest resume = session.subscription().resume();
    StreamPosition from = resume.from();
    // A recent position (since=now, or a reconnect after seconds) is caught up from the live
    // stream's recent deliveries; an older one is read from Kafka by a replay.
    handOver
        .join(session, from, resume.now())
        .whenComplete(
            (joined, failure) -> {
              if (failure != null) {
                failed(session, failure);
              } else if (!joined) {
                startReplay(session, from);
              }
            });
  }

  private void startReplay(ClientSession session, StreamPosition from) {
    metrics.replaysStarted.increment();
    replaying.add(session);
    pool.execute(
        () -> {
          try {
            replay(session, from);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException | ExecutionException | TimeoutException e) {
            failed(session, e);
          } finally {
            replaying.remove(session);
          }
        });
  }

  private void failed(ClientSession session, Throwable e) {
    if (!session.isOpen() || closed) {
      return;
    }
    LOG.warn(
        "Resume of session {} ({}) failed; closing it so that it reconnects",
        session.id(),
        session,
        e);
    session.close(CloseReason.GOING_AWAY, "realtime.content: resume failed, reconnect");
  }

  private void replay(ClientSession session, StreamPosition from)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (TopicReplay replay =
        new TopicReplay(
            bootstrap,
            from,
            d -> {
              if (roomFor(session)) {
                registry.dispatchTo(session, d);
              }
            },
            codec,
            metrics)) {
      try {
        replay.start();
      } catch (CursorNotServed e) {
        // Older than what Kafka keeps (4410), or not of this topic's log (4400).
        refuse(
            session,
            e.expired() ? CloseReason.CURSOR_EXPIRED : CloseReason.BAD_REQUEST,
            e.getMessage());
        return;
      }
      session.startAt(from, null);
      long sent = 0;
      while (session.isOpen() && !closed) {
        if (!roomFor(session)) {
          return;
        }
        sent += replay.readOnce();
        if (replay.reachedTarget()) {
          StreamPosition at = replay.position();
          if (handOver
              .join(session, at, true)
              .get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.debug(
                "Session {} resumed on {}: replayed {} records, joined live at {}",
                session.id(),
                from.topic(),
                sent,
                at);
            return;
          }
          replay.readOn(); // the live stream is ahead: read on
        }
      }
    }
  }

  /**
   * Waits, before each delivery (a poll can return hundreds), while the client's queue is half
   * full: a replay reads no faster than its client and never overflows it. A client that makes no
   * room within {@link #stall} reads nothing: it is closed with 4008 and its cursor, and the slot
   * goes to the next replay waiting.
   *
   * @return whether the delivery may be queued
   */
  private boolean roomFor(ClientSession session) {
    try {
      if (session.awaitRoom(stall.toNanos())) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: the poll that follows throws
      return false;
    }
    if (session.closeAsSlow("its replay made no progress for " + stall.toMillis() + " ms")) {
      metrics.replaysStalled.increment();
    }
    return false;
  }

  private void refuse(ClientSession session, CloseReason reason, String text) {
    metrics.replaysRefused.increment();
    LOG.info("Refusing resume of session {} ({}): {}", session.id(), session, text);
    session.close(reason, text);
  }

  /** Calls {@code action} for every session still replaying (access checks). */
  public void forEachReplaying(java.util.function.Consumer<ClientSession> action) {
    replaying.forEach(action);
  }

  /** Sessions still replaying, for tests and metrics. */
  int replaying() {
    return replaying.size();
  }

  /** Stops replays; their sessions are closed with 1001 and the cursor they reached. */
  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
    for (ClientSession s : new ArrayList<>(replaying)) {
      s.close(CloseReason.GOING_AWAY, "node shutting down");
    }
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Replay threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
