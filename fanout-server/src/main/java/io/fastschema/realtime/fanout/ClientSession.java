package io.fastschema.realtime.fanout;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection and its outbound queue.
 *
 * <p>The queue is bounded in messages and bytes; a client that lets it overflow is closed as a slow
 * consumer instead of growing the node's memory or delaying others. Exactly one send is in flight
 * at a time: the next one starts from the previous one's completion, so the dispatching thread never
 * blocks on a client.
 *
 * <p>Thread-safe. Concurrency: {@link #enqueue} runs on the Kafka dispatch thread, echoes on Jetty
 * threads, completions on Jetty threads; the queue and {@code sending} flag are guarded by
 * {@code this}; I/O is started outside the lock.
 */
public final class ClientSession {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final AtomicLong IDS = new AtomicLong();
  /** Queued in {@link #positions} for a message without a position (an echo). */
  private static final StreamPosition NO_POSITION = StreamPosition.beginning("");

  private final long id = IDS.incrementAndGet();
  private final Subscription subscription;
  private final Transport transport;
  private final int maxMessages;
  private final long maxBytes;
  private final SessionListener listener;

  /** Messages waiting to be sent; guarded by this. */
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  /** Sum of the queued messages' lengths in UTF-16 units (their bytes for ASCII); guarded by this. */
  private long queuedBytes;
  /** Whether a send is in flight; guarded by this. */
  private boolean sending;
  /** Once closed, nothing more is queued or sent; guarded by this. */
  private boolean closed;
  /**
   * For a resumable session, the stream position after each queued message (null for echoes),
   * aligned with {@link #queue}; guarded by this. Empty otherwise.
   */
  private final ArrayDeque<StreamPosition> positions = new ArrayDeque<>();
  /** The position after the message in flight, or null; guarded by this. */
  private StreamPosition inFlightPosition;
  /**
   * How far this client has been served: everything below was written to it or was not for it.
   * What its close reason hands back for resuming; guarded by this.
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

  public ClientSession(Subscription subscription, Transport transport, int maxMessages,
      long maxBytes, SessionListener listener) {
    this.subscription = subscription;
    this.transport = transport;
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
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

  /**
   * Where this session's stream starts: what its close reason hands back until a message or a
   * filtered-out delivery moves it on.
   *
   * @param replayedThrough deliveries below this position were replayed already and are skipped,
   *     or null
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
    if (through.includes(d)) {
      return true;
    }
    if (d.position() != null && d.position().covers(through)) {
      replayedThrough = null;
    }
    return false;
  }

  /**
   * A delivery that was not for this client: when nothing is waiting to be written, the client
   * has been served up to its position.
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

  /** Queues a message (an echo: no stream position). */
  public void enqueue(String message) {
    enqueue(message, null);
  }

  /**
   * Queues a message; closes the session with 4008 when its queue is full.
   *
   * @param position the stream position after this message, for resumable sessions; or null
   */
  public void enqueue(String message, StreamPosition position) {
    String toSend;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queue.size() >= maxMessages || queuedBytes + message.length() > maxBytes) {
        closed = true;
        toSend = null;
      } else {
        queue.addLast(message);
        if (resumable()) {
          positions.addLast(position == null ? NO_POSITION : position);
        }
        queuedBytes += message.length();
        if (sending) {
          return;
        }
        sending = true;
        toSend = takeNext();
      }
    }
    if (toSend == null) {
      overflowed();
      return;
    }
    send(toSend);
  }

  private void overflowed() {
    int queued;
    synchronized (this) {
      queued = queue.size();
      queue.clear();
      positions.clear();
      queuedBytes = 0;
    }
    LOG.info("Closing slow client {} (session {}, schema {}): {} messages queued",
        transport.remote(), id, subscription.schema().name(), queued);
    transport.close(CloseReason.SLOW_CONSUMER.code(), withCursor("slow consumer"));
    listener.slowConsumerClosed(this);
    listener.sessionEnded(this);
  }

  /** Guarded by this. */
  private String takeNext() {
    String next = queue.pollFirst();
    if (next != null) {
      queuedBytes -= next.length();
      StreamPosition p = positions.pollFirst();
      inFlightPosition = p == NO_POSITION ? null : p;
    }
    return next;
  }

  /**
   * A close reason for a client told to reconnect: with {@code " since=<cursor>"} when it asked for
   * cursors and the whole reason fits in a close frame (123 bytes; cursors of topics with a few
   * partitions do). Otherwise the client resumes from the cursor of the last message it received.
   */
  String withCursor(String reason) {
    StreamPosition at;
    synchronized (this) {
      // A message in flight reaches the client before the close frame that follows it.
      at = inFlightPosition != null ? inFlightPosition : served;
    }
    if (at == null || !resumable()) {
      return reason;
    }
    String full = reason + " since=" + at.cursor();
    return full.length() <= 123 ? full : reason;
  }

  private void send(String message) {
    transport.send(message, new Transport.SendCallback() {
      @Override
      public void succeeded() {
        String next;
        synchronized (ClientSession.this) {
          if (inFlightPosition != null) {
            served = inFlightPosition;
            inFlightPosition = null;
          }
          next = closed ? null : takeNext();
          if (next == null) {
            sending = false;
          }
        }
        if (next != null) {
          send(next);
        }
      }

      @Override
      public void failed(Throwable cause) {
        LOG.debug("Send to {} (session {}) failed: {}", transport.remote(), id, cause.toString());
        ended();
      }
    });
  }

  /** The connection is gone (closed by either side or failed): drop what is queued. */
  public void ended() {
    synchronized (this) {
      closed = true;
      sending = false;
      queue.clear();
      positions.clear();
      queuedBytes = 0;
    }
    listener.sessionEnded(this);
  }

  /** Closes from the server side with a code and reason (node draining, revoked access...). */
  public void close(CloseReason reason, String text) {
    synchronized (this) {
      closed = true;
      queue.clear();
      positions.clear();
      queuedBytes = 0;
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

  synchronized int queuedMessages() {
    return queue.size();
  }

  @Override
  public String toString() {
    return "ClientSession[" + id + " " + transport.remote() + " " + subscription.schema().name()
        + "]";
  }
}
