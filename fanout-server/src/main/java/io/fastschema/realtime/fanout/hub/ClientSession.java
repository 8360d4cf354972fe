package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>Thread-safe. Concurrency: {@link #enqueue} runs on the Kafka dispatch thread, echoes on Jetty
 * threads, completions on Jetty threads; the queue and {@code sending} flag are guarded by {@code
 * this}; I/O is started outside the lock.
 */
public final class ClientSession {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final AtomicLong IDS = new AtomicLong();

  /**
   * Most bytes (UTF-8) one batch takes from the queue; a single larger message still goes alone. 64
   * KiB is Jetty's aggregate buffer here ({@link JettyTransport}): a batch is then about one
   * gathering write, and what is in flight stays small next to the queue bound.
   */
  public static final int MAX_BATCH_BYTES = 64 * 1024;

  /** Queued in {@link #positions} for a message without a position (an echo). */
  private static final StreamPosition NO_POSITION = StreamPosition.beginning("");

  private final long id = IDS.incrementAndGet();
  private final Subscription subscription;
  private final Transport transport;
  private final int maxMessages;
  private final long maxBytes;

  /**
   * A queue this long refuses echoes (closes with 4008): echoes must not fill the node's memory.
   */
  private final long maxEchoBytes;

  /** What every session of the node holds together: queued plus in flight. */
  private final NodeQueueBudget budget;

  private final SessionListener listener;

  /** Messages waiting to be sent; guarded by this. */
  private final ArrayDeque<EncodedText> queue = new ArrayDeque<>();

  /** Sum of the queued messages' lengths in bytes (UTF-8); guarded by this. */
  private long queuedBytes;

  /**
   * Bytes of the send or batch in flight, taken from {@link #budget} until it completes (Jetty
   * holds them until then); guarded by this.
   */
  private long inFlightBytes;

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

  /**
   * Threads in {@link #awaitRoom}, so that the hot path notifies only when one waits; guarded by
   * this.
   */
  private int roomWaiters;

  /** The one completion of every send and batch: at most one is in flight. */
  private final Transport.SendCallback completion = new Completion();

  /**
   * For a resumable session, the stream position after each queued message (null for echoes),
   * aligned with {@link #queue}; guarded by this. Empty otherwise.
   */
  private final ArrayDeque<StreamPosition> positions = new ArrayDeque<>();

  /** The position after the message in flight, or null; guarded by this. */
  private StreamPosition inFlightPosition;

  /**
   * How far this client has been served: everything below was written to it or was not for it. What
   * its close reason hands back for resuming; guarded by this.
   */
  private StreamPosition served;

  /**
   * After a replay handed over to the live stream: deliveries below this position were replayed
   * already. Dispatch thread only.
   */
  private StreamPosition replayedThrough;

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
    this.maxMessages = bounds.maxMessages();
    this.maxBytes = bounds.maxBytes();
    this.maxEchoBytes = bounds.maxEchoBytes();
    this.budget = bounds.node();
    this.listener = listener;
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
    synchronized (this) {
      served = start;
    }
    this.replayedThrough = replayedThrough;
  }

  /**
   * Whether a live delivery was already sent by this session's replay. Dispatch thread only; the
   * check stops once the live stream has passed where the replay ended.
   */
  boolean replayedAlready(Delivery d) {
    StreamPosition through = replayedThrough;
    if (through == null) {
      return false;
    }
    if (d.liesBelow(through)) {
      return true;
    }
    if (d.position() != null && d.position().covers(through)) {
      replayedThrough = null;
    }
    return false;
  }

  /**
   * A delivery that was not for this client: when nothing is waiting to be written, the client has
   * been served up to its position.
   */
  void passed(StreamPosition position) {
    if (position == null) {
      return;
    }
    synchronized (this) {
      if (!sending && queue.isEmpty()) {
        served = position;
      }
    }
  }

  /** How far this client has been served, or null when unknown (not resumable). */
  synchronized StreamPosition served() {
    return served;
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
      Admission admission;
      synchronized (this) {
        admission = admit(message, echo);
        if (admission == Admission.ADMITTED) {
          if (sending) {
            append(message, position);
            return;
          }
          // Idle, so the queue is empty: the message goes at once, without passing through it.
          sending = true;
          inFlightPosition = position;
          inFlightBytes = message.length();
        }
      }
      switch (admission) {
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
          if (!makeRoom(evictions)) {
            return;
          }
        }
      }
    }
  }

  /** What {@link #admit} decided about one message. */
  private enum Admission {
    ADMITTED,
    CLOSED,
    /** This session's own bound is passed: it is closed (4008). */
    OVER_SESSION_BOUND,
    /** The node's bound would be passed: room must be made first. */
    OVER_NODE_BOUND
  }

  /**
   * Checks a message against the bounds and takes its units from the node's budget when admitted.
   * Marks the session closed when its own bound is passed. Guarded by this.
   */
  private Admission admit(EncodedText message, boolean echo) {
    if (closed) {
      return Admission.CLOSED;
    }
    long bound = echo ? Math.min(maxEchoBytes, maxBytes) : maxBytes;
    if (queue.size() >= maxMessages || queuedBytes + message.length() > bound) {
      closed = true;
      return Admission.OVER_SESSION_BOUND;
    }
    return budget.tryTake(message.length()) ? Admission.ADMITTED : Admission.OVER_NODE_BOUND;
  }

  /**
   * The node's bound is reached: closes the session that holds the most, this one if it does (or
   * after {@link #MAX_EVICTIONS_PER_MESSAGE} others were closed for one message).
   *
   * @return whether the message may be tried again
   */
  private boolean makeRoom(int evictionsSoFar) {
    if (evictionsSoFar < MAX_EVICTIONS_PER_MESSAGE && budget.evictLargestBesides(this)) {
      return true;
    }
    budget.evicted(this);
    return false;
  }

  /**
   * Sessions closed to make room for one message at most, besides the one queuing it: each frees at
   * least as much as the queuing one holds, so a few suffice unless most of the bound is in flight.
   */
  private static final int MAX_EVICTIONS_PER_MESSAGE = 4;

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
      Admission admission;
      FlushNeed need = FlushNeed.NONE;
      synchronized (this) {
        admission = admit(message, false);
        if (admission == Admission.ADMITTED) {
          append(message, position);
          if (!flushDue) {
            flushDue = true;
            need = FlushNeed.END_OF_POLL;
          } else if (!sending
              && !earlyFlushAsked
              && (queuedBytes >= MAX_BATCH_BYTES || queue.size() * 2L >= maxMessages)) {
            earlyFlushAsked = true;
            need = FlushNeed.NOW;
          }
        }
      }
      switch (admission) {
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
          if (!makeRoom(evictions)) {
            return FlushNeed.NONE;
          }
        }
      }
    }
  }

  /** Queues a message, with its position for a resumable session. Guarded by this. */
  private void append(EncodedText message, StreamPosition position) {
    queue.addLast(message);
    if (resumable()) {
      positions.addLast(position == null ? NO_POSITION : position);
    }
    queuedBytes += message.length();
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
    queue.clear();
    positions.clear();
    budget.giveBack(queuedBytes);
    queuedBytes = 0;
    roomMade();
  }

  /** Bytes this session holds: queued plus in flight. */
  synchronized long heldUnits() {
    return queuedBytes + inFlightBytes;
  }

  /**
   * Takes the next batch off the queue: every queued message, up to {@link #MAX_BATCH_BYTES} (at
   * least one); null when there is none. Notes the position after the batch, for resumable
   * sessions. Guarded by this.
   */
  private List<EncodedText> takeBatch() {
    if (closed || queue.isEmpty()) {
      return null;
    }
    List<EncodedText> batch = new ArrayList<>(Math.min(queue.size(), 256));
    long chars = 0;
    StreamPosition last = null;
    while (!queue.isEmpty()
        && (batch.isEmpty() || chars + queue.peekFirst().length() <= MAX_BATCH_BYTES)) {
      EncodedText next = queue.pollFirst();
      queuedBytes -= next.length();
      chars += next.length();
      batch.add(next);
      StreamPosition p = positions.pollFirst();
      if (p != null && p != NO_POSITION) {
        last = p;
      }
    }
    inFlightPosition = last;
    inFlightBytes = chars;
    roomMade();
    return batch;
  }

  /**
   * A close reason for a client told to reconnect: with {@code " since=<cursor>"} when it asked for
   * cursors and the whole reason fits in a close frame (123 bytes; cursors of topics with a few
   * partitions do). Otherwise the client resumes from the cursor of the last message it received.
   */
  String withCursor(String reason) {
    StreamPosition at;
    synchronized (this) {
      // What is in flight reaches the client before the close frame that follows it.
      at = inFlightPosition != null ? inFlightPosition : served;
    }
    if (at == null || !resumable()) {
      return reason;
    }
    String full = reason + " since=" + at.cursor(cursorBinding());
    return full.length() <= 123 ? full : reason;
  }

  /** Starts the next send or batch from the previous one's completion. */
  private final class Completion implements Transport.SendCallback {
    @Override
    public void succeeded() {
      List<EncodedText> batch;
      synchronized (ClientSession.this) {
        sent();
        if (inFlightPosition != null) {
          served = inFlightPosition;
          inFlightPosition = null;
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
        sent();
      }
      ended();
    }
  }

  /** The send in flight completed: Jetty let go of it. Guarded by this. */
  private void sent() {
    budget.giveBack(inFlightBytes);
    inFlightBytes = 0;
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
    return queue.size() * 2L > maxMessages || queuedBytes * 2 > maxBytes;
  }

  /**
   * Blocks while half the queue's bound is used, until sends took enough of it or the session
   * closed: a replay reads no faster than its client, and never overflows it.
   *
   * @return false when the queue was still half full after {@code timeoutNanos}: the client makes
   *     no progress
   */
  synchronized boolean awaitRoom(long timeoutNanos) throws InterruptedException {
    roomWaiters++;
    try {
      long deadline = System.nanoTime() + timeoutNanos;
      while (!closed && isHalfFull()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    } finally {
      roomWaiters--;
    }
  }

  /** The queue shrank or the session closed: wakes a replay waiting for room. Guarded by this. */
  private void roomMade() {
    if (roomWaiters > 0) {
      notifyAll();
    }
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
