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
      queuedBytes = 0;
    }
    LOG.info("Closing slow client {} (session {}, schema {}): {} messages queued",
        transport.remote(), id, subscription.schema().name(), queued);
    transport.close(CloseReason.SLOW_CONSUMER.code(), "slow consumer");
    listener.slowConsumerClosed(this);
    listener.sessionEnded(this);
  }

  /** Guarded by this. */
  private String takeNext() {
    String next = queue.pollFirst();
    if (next != null) {
      queuedBytes -= next.length();
    }
    return next;
  }

  private void send(String message) {
    transport.send(message, new Transport.SendCallback() {
      @Override
      public void succeeded() {
        String next;
        synchronized (ClientSession.this) {
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
