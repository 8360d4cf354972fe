package io.fastschema.realtime.fanout;

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
 * at a time: the next one starts from the previous one's completion, so the dispatching thread never
 * blocks on a client. A message enqueued while the session is idle is sent alone at once; what
 * queues up behind a send in flight leaves, when it completes, as one batch
 * ({@link Transport#sendBatch}, at most {@link #MAX_BATCH_CHARS}): a busy client costs one write
 * per batch instead of one per message. Messages handed to the transport leave the queue and its
 * bounds, as the single message in flight always did.
 *
 * <p>Thread-safe. Concurrency: {@link #enqueue} runs on the Kafka dispatch thread, echoes on Jetty
 * threads, completions on Jetty threads; the queue and {@code sending} flag are guarded by
 * {@code this}; I/O is started outside the lock.
 */
public final class ClientSession {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final AtomicLong IDS = new AtomicLong();
  /**
   * Most UTF-16 units (bytes, for ASCII) one batch takes from the queue; a single larger message
   * still goes alone. 64 KiB is Jetty's aggregate buffer here ({@link JettyTransport}): a batch is
   * then about one gathering write, and what is in flight stays small next to the queue bound.
   */
  static final int MAX_BATCH_CHARS = 64 * 1024;

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
  /** The one completion of every send and batch: at most one is in flight. */
  private final Transport.SendCallback completion = new Completion();

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

  /** Queues a message; closes the session with 4008 when its queue is full. */
  public void enqueue(String message) {
    boolean overflow;
    synchronized (this) {
      if (closed) {
        return;
      }
      overflow = queue.size() >= maxMessages || queuedBytes + message.length() > maxBytes;
      if (overflow) {
        closed = true;
      } else if (sending) {
        queue.addLast(message);
        queuedBytes += message.length();
        return;
      } else {
        // Idle, so the queue is empty: the message goes at once, without passing through it.
        sending = true;
      }
    }
    if (overflow) {
      overflowed();
    } else {
      transport.send(message, completion);
    }
  }

  private void overflowed() {
    int queued;
    synchronized (this) {
      queued = queue.size();
      queue.clear();
      queuedBytes = 0;
    }
    LOG.info("Closing slow client {} (session {}, schema {}): {} messages queued",
        transport.remote(), id, subscription.schema().name(), queued);
    transport.close(CloseReason.SLOW_CONSUMER.code(), "slow consumer");
    listener.slowConsumerClosed(this);
    listener.sessionEnded(this);
  }

  /**
   * Takes the next batch off the queue: every queued message, up to {@link #MAX_BATCH_CHARS}
   * (at least one); null when there is none. Guarded by this.
   */
  private List<String> takeBatch() {
    if (closed || queue.isEmpty()) {
      return null;
    }
    List<String> batch = new ArrayList<>(Math.min(queue.size(), 256));
    long chars = 0;
    while (!queue.isEmpty()
        && (batch.isEmpty() || chars + queue.peekFirst().length() <= MAX_BATCH_CHARS)) {
      String next = queue.pollFirst();
      queuedBytes -= next.length();
      chars += next.length();
      batch.add(next);
    }
    return batch;
  }

  /** Starts the next send or batch from the previous one's completion. */
  private final class Completion implements Transport.SendCallback {
    @Override
    public void succeeded() {
      List<String> batch;
      synchronized (ClientSession.this) {
        batch = takeBatch();
        if (batch == null) {
          sending = false;
          return;
        }
      }
      if (batch.size() == 1) {
        transport.send(batch.get(0), this);
      } else {
        transport.sendBatch(batch, this);
      }
    }

    @Override
    public void failed(Throwable cause) {
      LOG.debug("Send to {} (session {}) failed: {}", transport.remote(), id, cause.toString());
      ended();
    }
  }

  /** The connection is gone (closed by either side or failed): drop what is queued. */
  public void ended() {
    synchronized (this) {
      closed = true;
      sending = false;
      queue.clear();
      queuedBytes = 0;
    }
    listener.sessionEnded(this);
  }

  /** Closes from the server side with a code and reason (node draining, revoked access...). */
  public void close(CloseReason reason, String text) {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
    transport.close(reason.code(), CloseReason.fit(text));
    listener.sessionEnded(this);
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
