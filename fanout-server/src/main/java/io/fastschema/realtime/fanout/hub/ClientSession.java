package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import io.fastschema.realtime.fanout.hub.QueueAdmission.Admission;
import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection and its outbound queue.
 *
 * <p>The queue is bounded in messages and bytes; a client that lets it overflow is closed as a slow
 * consumer instead of growing the node's memory or delaying others. Exactly one send is in flight
 * at a time: the next one starts from the previous one's completion, so the dispatching thread
 * never blocks on a client. A message enqueued while the session is idle is sent alone at once;
 * what queues up behind a send in flight leaves, when it completes, as one batch ({@link
 * Transport#sendBatch}, at most {@link #MAX_BATCH_BYTES}): a busy client costs one write per batch
 * instead of one per message. Messages handed to the transport leave the queue and its bounds, as
 * the single message in flight always did.
 *
 * <p>Its parts: the queue and its batches ({@link SessionQueue}), admission against the session's
 * and the node's bounds ({@link QueueAdmission}), how far the client got for resuming ({@link
 * ResumeProgress}) and the replay's wait for room ({@link RoomWait}); this class keeps the one send
 * in flight and the closes.
 *
 * <p>Thread-safe. Concurrency: {@link #enqueue} runs on the Kafka dispatch thread, echoes on Jetty
 * threads, completions on Jetty threads. One lock, {@code this}: it guards the {@code sending} and
 * {@code closed} flags and every part above that says so, so that a message is admitted, queued and
 * taken in one step with the flags it depends on; the parts take no lock of their own. I/O is
 * started outside the lock.
 */
public final class ClientSession {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final AtomicLong IDS = new AtomicLong();

  /**
   * Most bytes (UTF-8) one batch takes from the queue; a single larger message still goes alone. A
   * batch with its frame headers fits one pooled buffer ({@link JettyTransport} sends it as one
   * frame; the server pools buffers up to 128 KiB): a batch is then one write, and what is in
   * flight stays small next to the queue bound.
   */
  public static final int MAX_BATCH_BYTES = 64 * 1024;

  private final long id = IDS.incrementAndGet();
  private final Subscription subscription;
  private final Transport transport;
  private final SessionListener listener;

  /** Messages waiting to be sent and what is in flight; guarded by this. */
  private final SessionQueue queue;

  /**
   * What the close reason hands back ({@code served}, guarded by this); replayed-through. Null for
   * a session that did not ask for cursors: most never do, and nothing reads how far they got (one
   * object less per idle connection, issue 14 item 4).
   */
  private final ResumeProgress progress;

  /**
   * Where replays wait for room, on this monitor; made by the first wait (only resumable sessions
   * replay), null until then. Guarded by this.
   */
  private RoomWait roomWait;

  /** Whether a send is in flight; guarded by this. */
  private boolean sending;

  /**
   * Messages were queued by {@link #enqueueDeferred} and {@link #flush} is due; guarded by this.
   */
  private boolean flushDue;

  /**
   * {@link #enqueueDeferred} asked for a flush before the end of the poll, which has not run yet:
   * asked once, not once per message; guarded by this.
   */
  private boolean earlyFlushAsked;

  /** Once closed, nothing more is queued or sent; guarded by this. */
  private boolean closed;

  /** The one completion of every send and batch: at most one is in flight. */
  private final Transport.SendCallback completion = new Completion();

  /** Told when a session ends, so that it can be unregistered. */
  public interface SessionListener {
    void sessionEnded(ClientSession session);

    /** Called before {@link #sessionEnded} when the session is closed as a slow consumer. */
    default void slowConsumerClosed(ClientSession session) {}
  }

  /** A session with no echo bound of its own and no node-wide bound (tests, benchmarks). */
  public ClientSession(
      Subscription subscription,
      Transport transport,
      int maxMessages,
      long maxBytes,
      SessionListener listener) {
    this(
        subscription,
        transport,
        new QueueBounds(maxMessages, maxBytes, maxBytes, NodeQueueBudget.unbounded()),
        listener);
  }

  public ClientSession(
      Subscription subscription,
      Transport transport,
      QueueBounds bounds,
      SessionListener listener) {
    this.subscription = subscription;
    this.transport = transport;
    this.listener = listener;
    this.queue = new SessionQueue(bounds, resumable());
    this.progress = resumable() ? new ResumeProgress(subscription.resume()) : null;
  }

  public long id() {
    return id;
  }

  public Subscription subscription() {
    return subscription;
  }

  /** Whether the client asked for cursors ({@code since=}). */
  public boolean resumable() {
    return subscription.resume() != null;
  }

  /** Whom this session's cursors are issued to; only for a {@link #resumable()} session. */
  CursorBinding cursorBinding() {
    return subscription.resume().binding();
  }

  /**
   * Where this session's stream starts: what its close reason hands back until a message or a
   * filtered-out delivery moves it on.
   *
   * @param replayedThrough deliveries below this position were replayed already and are skipped, or
   *     null
   */
  void startAt(StreamPosition start, StreamPosition replayedThrough) {
    if (progress == null) {
      throw new IllegalStateException("session " + id + " did not ask for cursors");
    }
    synchronized (this) {
      progress.servedThrough(start);
    }
    progress.replayedThrough(replayedThrough);
  }

  /**
   * Whether a live delivery was already sent by this session's replay. Dispatch thread only; the
   * check stops once the live stream has passed where the replay ended.
   */
  boolean replayedAlready(Delivery d) {
    return progress != null && progress.replayedAlready(d);
  }

  /**
   * A delivery that was not for this client: when nothing is waiting to be written, the client has
   * been served up to its position.
   */
  void passed(StreamPosition position) {
    if (position == null || progress == null) {
      return;
    }
    synchronized (this) {
      if (!sending && queue.isEmpty()) {
        progress.servedThrough(position);
      }
    }
  }

  /** How far this client has been served, or null when unknown (not resumable). */
  synchronized StreamPosition served() {
    return progress == null ? null : progress.served();
  }

  public synchronized boolean isOpen() {
    return !closed;
  }

  /** Queues an echo of what the client sent (no stream position; the lower echo bound applies). */
  public void enqueue(String message) {
    enqueue(EncodedText.of(message), null, true);
  }

  /**
   * Queues a message; closes the session with 4008 when its queue is full.
   *
   * @param position the stream position after this message, for resumable sessions; or null
   */
  public void enqueue(EncodedText message, StreamPosition position) {
    enqueue(message, position, false);
  }

  /** {@link #enqueue(EncodedText, StreamPosition)} of a text encoded for this session alone. */
  public void enqueue(String message, StreamPosition position) {
    enqueue(EncodedText.of(message), position, false);
  }

  private void enqueue(EncodedText message, StreamPosition position, boolean echo) {
    for (int evictions = 0; ; evictions++) {
      Admission admitted;
      synchronized (this) {
        admitted = admit(message, echo);
        if (admitted == Admission.ADMITTED) {
          if (sending) {
            queue.append(message, position);
            return;
          }
          // Idle, so the queue is empty: the message goes at once, without passing through it.
          sending = true;
          queue.sendingAlone(message, position);
        }
      }
      switch (admitted) {
        case ADMITTED -> {
          transport.send(message, completion);
          return;
        }
        case CLOSED -> {
          return;
        }
        case OVER_SESSION_BOUND -> {
          overflowed("queue full");
          return;
        }
        case OVER_NODE_BOUND -> {
          if (!QueueAdmission.makeRoom(queue, this, evictions)) {
            return;
          }
        }
      }
    }
  }

  /**
   * Checks a message against the bounds ({@link QueueAdmission#admit}) unless the session is
   * closed, and marks it closed when its own bound is passed. Guarded by this.
   */
  private Admission admit(EncodedText message, boolean echo) {
    if (closed) {
      return Admission.CLOSED;
    }
    Admission admitted = QueueAdmission.admit(queue, message, echo);
    if (admitted == Admission.OVER_SESSION_BOUND) {
      closed = true;
    }
    return admitted;
  }

  /** What the dispatcher must do after {@link #enqueueDeferred}. */
  enum FlushNeed {
    /** Nothing: a flush is due already, or the message was not queued. */
    NONE,
    /** Flush at the end of the poll: the first deferred message since the last flush. */
    END_OF_POLL,
    /**
     * Flush now, on the dispatching thread, without waiting for the end of the poll: a batch's
     * worth waits and nothing is in flight. Holding a whole poll back, or waiting for a write lane,
     * could overflow the queue of a client that reads fast enough.
     */
    NOW
  }

  /**
   * Queues a message without starting a send: the dispatcher queues a whole Kafka poll's deliveries
   * first and then has {@link #flush} called once, so that a client that gets several of them has
   * them written together (one frame each, one write) instead of one write per message. The write
   * itself is started by whoever calls {@link #flush} (the node's write lanes at the end of a poll,
   * the dispatching thread for {@link FlushNeed#NOW}), never here. Closes with 4008 when the queue
   * is full, like {@link #enqueue}.
   */
  FlushNeed enqueueDeferred(EncodedText message, StreamPosition position) {
    for (int evictions = 0; ; evictions++) {
      Admission admitted;
      FlushNeed need = FlushNeed.NONE;
      synchronized (this) {
        admitted = admit(message, false);
        if (admitted == Admission.ADMITTED) {
          queue.append(message, position);
          if (!flushDue) {
            flushDue = true;
            need = FlushNeed.END_OF_POLL;
          } else if (!sending && !earlyFlushAsked && queue.batchWaits()) {
            earlyFlushAsked = true;
            need = FlushNeed.NOW;
          }
        }
      }
      switch (admitted) {
        case ADMITTED -> {
          return need;
        }
        case CLOSED -> {
          return FlushNeed.NONE;
        }
        case OVER_SESSION_BOUND -> {
          overflowed("queue full");
          return FlushNeed.NONE;
        }
        case OVER_NODE_BOUND -> {
          if (!QueueAdmission.makeRoom(queue, this, evictions)) {
            return FlushNeed.NONE;
          }
        }
      }
    }
  }

  private void write(List<EncodedText> batch) {
    if (batch.size() == 1) {
      transport.send(batch.get(0), completion);
    } else {
      transport.sendBatch(batch, completion);
    }
  }

  /** Starts writing what {@link #enqueueDeferred} queued, unless a send in flight will take it. */
  void flush() {
    List<EncodedText> batch;
    synchronized (this) {
      flushDue = false;
      earlyFlushAsked = false;
      if (sending) {
        return; // its completion takes the queue
      }
      batch = takeBatch();
      if (batch == null) {
        return;
      }
      sending = true;
    }
    write(batch);
  }

  /**
   * Closes this session as a slow consumer (4008, with its cursor) unless it is closed already.
   *
   * @return whether this call closed it
   */
  boolean closeAsSlow(String why) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    overflowed(why);
    return true;
  }

  /** Closes with 4008; {@code closed} is already set. */
  private void overflowed(String why) {
    int queued;
    synchronized (this) {
      queued = queue.size();
      dropQueue();
    }
    LOG.info(
        "Closing slow client {} (session {}, schema {}): {}, {} messages queued",
        transport.remote(),
        id,
        subscription.schema().name(),
        why,
        queued);
    transport.close(CloseReason.SLOW_CONSUMER.code(), withCursor("slow consumer"));
    listener.slowConsumerClosed(this);
    listener.sessionEnded(this);
  }

  /**
   * Drops what is queued and gives it back to the node's budget; what is in flight is given back
   * when its send completes, since Jetty holds it until then. Guarded by this.
   */
  private void dropQueue() {
    queue.drop();
    roomMade();
  }

  /** Bytes this session holds: queued plus in flight. */
  synchronized long heldUnits() {
    return queue.heldBytes();
  }

  /**
   * Takes the next batch off the queue ({@link SessionQueue#takeBatch}); null when there is none or
   * the session is closed. Guarded by this.
   */
  private List<EncodedText> takeBatch() {
    if (closed) {
      return null;
    }
    List<EncodedText> batch = queue.takeBatch();
    if (batch != null) {
      roomMade();
    }
    return batch;
  }

  /** The queue shrank or the session closed: wakes a replay waiting for room. Guarded by this. */
  private void roomMade() {
    if (roomWait != null) {
      roomWait.roomMade();
    }
  }

  /**
   * A close reason for a client told to reconnect, with its cursor when it asked for them ({@link
   * ResumeProgress#withCursor}).
   */
  String withCursor(String reason) {
    if (progress == null) {
      return reason;
    }
    StreamPosition at;
    synchronized (this) {
      // What is in flight reaches the client before the close frame that follows it.
      StreamPosition inFlight = queue.inFlightPosition();
      at = inFlight != null ? inFlight : progress.served();
    }
    return progress.withCursor(reason, at);
  }

  /** Starts the next send or batch from the previous one's completion. */
  private final class Completion implements Transport.SendCallback {
    @Override
    public void succeeded() {
      List<EncodedText> batch;
      synchronized (ClientSession.this) {
        queue.sendCompleted();
        StreamPosition through = queue.takeInFlightPosition();
        if (through != null && progress != null) {
          progress.servedThrough(through);
        }
        batch = takeBatch();
        if (batch == null) {
          sending = false;
          return;
        }
      }
      write(batch);
    }

    @Override
    public void failed(Throwable cause) {
      LOG.debug("Send to {} (session {}) failed: {}", transport.remote(), id, cause.toString());
      synchronized (ClientSession.this) {
        queue.sendCompleted();
      }
      ended();
    }
  }

  /** The connection is gone (closed by either side or failed): drop what is queued. */
  public void ended() {
    synchronized (this) {
      closed = true;
      sending = false;
      dropQueue();
    }
    listener.sessionEnded(this);
  }

  /** Closes from the server side with a code and reason (node draining, revoked access...). */
  public void close(CloseReason reason, String text) {
    synchronized (this) {
      closed = true;
      dropQueue();
    }
    // Only a client told to come back needs to know where from.
    String reasonText = reason == CloseReason.GOING_AWAY ? withCursor(text) : text;
    transport.close(reason.code(), CloseReason.fit(reasonText));
    listener.sessionEnded(this);
  }

  /** Whether half the queue's bound (messages or bytes) is used: a replay waits then. */
  synchronized boolean isHalfFull() {
    return queue.isHalfFull();
  }

  /**
   * Blocks while half the queue's bound is used, until sends took enough of it or the session
   * closed: a replay reads no faster than its client, and never overflows it.
   *
   * @return false when the queue was still half full after {@code timeoutNanos}: the client makes
   *     no progress
   */
  synchronized boolean awaitRoom(long timeoutNanos) throws InterruptedException {
    if (roomWait == null) {
      roomWait = new RoomWait(this);
    }
    return roomWait.await(timeoutNanos, () -> !closed && queue.isHalfFull());
  }

  synchronized int queuedMessages() {
    return queue.size();
  }

  @Override
  public String toString() {
    return "ClientSession["
        + id
        + " "
        + transport.remote()
        + " "
        + subscription.schema().name()
        + "]";
  }
}
