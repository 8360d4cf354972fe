package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.security.SecurityTopic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream: reads every partition of every schema topic ({@code <prefix>.<schema>}) and
 * hands the events, regrouped into FastSchema messages, to a {@link Dispatcher}. No consumer group:
 * every node needs every event.
 *
 * <p>One thread, {@code fanout-kafka}, owns the consumer and runs, in a loop: topic discovery
 * ({@link TopicDiscovery}) every refresh interval, the work queued by {@link #betweenDeliveries},
 * one poll through the {@link TopicReader} (each topic's {@link TopicSequencer} delivers from
 * there), the access-control topic's updates ({@link AccessControlTopic}), and the lag gauges.
 *
 * <p>Thread-safe to start/close and to queue work; everything else runs on the consumer thread.
 */
public final class KafkaEventSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSource.class);
  private static final Duration POLL = Duration.ofMillis(50);

  /** Events kept per topic for sessions that join a little behind the live stream. */
  private int recentEvents = 4096;

  private final TopicReader reader;
  private final String topicPrefix;
  private final Duration topicRefresh;
  private final Dispatcher dispatcher;
  private final StreamReadiness readiness = new StreamReadiness();
  private final AccessControlTopic accessControl;
  private final LagGauges lag;
  private final DeliveryLag deliveryLag = new DeliveryLag(System::nanoTime);
  private final FanoutMetrics metrics;

  /** Relation state, read on this thread; null on a node without it. */
  private volatile RelationStateReader relations;

  /** Created by {@link #start}; consumer thread only from then on. */
  private volatile LiveTopics live;

  private TopicDiscovery discovery;

  /** Work for the consumer thread (hand-overs), run between polls. */
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean running = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Run on the consumer thread if its loop dies: a node that cannot deliver must not hold clients.
   */
  private volatile Runnable onFailure = () -> {};

  private Thread thread;

  public KafkaEventSource(
      String bootstrap,
      String topicPrefix,
      Duration topicRefresh,
      RecordEventCodec codec,
      Dispatcher dispatcher,
      AccessControlSink accessControl) {
    this(
        bootstrap,
        topicPrefix,
        topicRefresh,
        codec,
        dispatcher,
        accessControl,
        FanoutMetrics.unregistered());
  }

  public KafkaEventSource(
      String bootstrap,
      String topicPrefix,
      Duration topicRefresh,
      RecordEventCodec codec,
      Dispatcher dispatcher,
      AccessControlSink accessControl,
      FanoutMetrics metrics) {
    this.metrics = metrics;
    this.reader = new TopicReader(bootstrap, "fastschema-realtime-fanout", codec, metrics);
    this.topicPrefix = topicPrefix + ".";
    this.accessControl =
        new AccessControlTopic(SecurityTopic.topic(topicPrefix), accessControl, readiness);
    this.lag = new LagGauges(metrics.registry());
    this.topicRefresh = topicRefresh;
    this.dispatcher = dispatcher;
  }

  public void start() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("KafkaEventSource already started");
    }
    live = new LiveTopics(dispatcher::dispatch, recentEvents);
    discovery = new TopicDiscovery(reader.consumer(), topicPrefix, live, accessControl, readiness);
    thread = new Thread(this::run, "fanout-kafka");
    thread.start();
  }

  private void run() {
    long nextRefresh = 0;
    boolean first = true;
    try {
      while (running.get()) {
        long now = System.nanoTime();
        if (now >= nextRefresh) {
          first = refreshTopics(first);
          nextRefresh = now + topicRefresh.toNanos();
        }
        runTasks();
        RelationStateReader state = relations;
        if (state != null) {
          state.loadDemanded();
        }
        if (!discovery.anyTopic()) {
          deliveryLag.idle(now);
          Thread.sleep(Math.min(50, topicRefresh.toMillis()));
          continue;
        }
        TopicReader.Polled polled =
            reader.poll(
                POLL,
                live::sequencer,
                accessControl::accept,
                state == null
                    ? () -> {}
                    : () -> {
                      if (state.active()) {
                        state.catchUp();
                      }
                    });
        metrics.eventsConsumed.increment(polled.accepted());
        metrics.eventsDuplicate.increment(polled.duplicates());
        accessControl.endOfPoll(reader.consumer());
        long after = System.nanoTime();
        live.expire(after);
        dispatcher.endOfPoll();
        live.publishPositions();
        lag.maybeUpdate(reader.consumer(), after);
        deliveryLag.maybeObserve(reader.consumer(), after);
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      readiness.notReady("Kafka consumer failed: " + e);
      LOG.error(
          "Kafka consumer loop failed; this node delivers nothing until restarted: closing "
              + "its sessions so that they reconnect to another node",
          e);
      onFailure.run();
    } finally {
      runTasks(); // hand-overs still waiting see the stream as it stands
      reader.close(Duration.ofSeconds(5));
      if (relations != null) {
        relations.close();
      }
      stopped.countDown();
    }
  }

  /**
   * @return whether the next refresh is still the first (this one failed)
   */
  private boolean refreshTopics(boolean first) {
    try {
      discovery.refresh(first);
      return false;
    } catch (RetriableException e) {
      // Kafka unreachable (a broker restart, say): poll keeps reconnecting by itself, and the
      // lookup is retried at the next refresh. Ending the loop here would leave the node's
      // clients connected to a node that never delivers again.
      LOG.warn(
          "Looking for topics failed ({}); retrying in {} ms",
          e.toString(),
          topicRefresh.toMillis());
      return first;
    }
  }

  /** The topic a schema is published on. */
  public String topicOf(String schema) {
    return topicPrefix + schema;
  }

  /**
   * Where the live stream of a topic stood after the last poll, without waiting for the consumer
   * thread (a handshake must not hold a Jetty thread on it). At most one poll behind the true
   * position: a session joining from it is caught up from the recent deliveries, so it may get the
   * changes of that last poll, never miss one.
   *
   * @throws IllegalStateException when the consumer is not running
   */
  public StreamPosition lastPublishedPosition(String topic) {
    LiveTopics topics = live;
    if (!running.get() || topics == null) {
      throw new IllegalStateException("Kafka consumer not running");
    }
    return topics.lastPublished(topic);
  }

  /** Where the live stream of a topic stands, read on the consumer thread. */
  public CompletableFuture<StreamPosition> position(String topic) {
    return betweenDeliveries(stream -> stream.position(topic));
  }

  /**
   * Runs {@code work} on the consumer thread between two polls (the live stream's state is that
   * thread's alone), so that it sees every delivery before it and none after. No consumer.wakeup():
   * it would also abort a metadata call, and a poll lasts at most 50 ms.
   */
  public <T> CompletableFuture<T> betweenDeliveries(Function<LiveStream, T> work) {
    var done = new CompletableFuture<T>();
    tasks.add(() -> done.complete(work.apply(live)));
    if (!running.get()) {
      done.completeExceptionally(new IllegalStateException("Kafka consumer not running"));
    }
    return done;
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  /**
   * Reads relation state on the consumer thread (loads between polls, catch-up before each poll's
   * deliveries); before {@link #start}.
   */
  public void readRelationState(RelationStateReader reader) {
    this.relations = reader;
  }

  /** How many recent events to keep per topic; before {@link #start}. */
  public void keepRecentEvents(int count) {
    this.recentEvents = count;
  }

  /** What to do when the consumer loop fails for good (the server closes its sessions). */
  public void onFailure(Runnable action) {
    this.onFailure = action;
  }

  /**
   * The node is stopping: from now on it reports not ready, so that the load balancer stops sending
   * clients and new handshakes are told to go elsewhere (1013), while open sessions are closed with
   * their cursors.
   */
  public void drain() {
    readiness.drain();
  }

  public ReadinessProbe readiness() {
    return readiness;
  }

  /** How far behind Kafka deliveries are, in time; readable from any thread. */
  public DeliveryLag deliveryLag() {
    return deliveryLag;
  }

  public long consumed() {
    return (long) metrics.eventsConsumed.count();
  }

  @Override
  public void close() {
    if (!running.compareAndSet(true, false)) {
      if (thread == null) {
        reader.close(Duration.ZERO); // never started
      }
      return;
    }
    reader.consumer().wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("Kafka consumer thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
