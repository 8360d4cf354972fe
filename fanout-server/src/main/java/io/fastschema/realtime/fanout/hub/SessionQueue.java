package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link ClientSession}'s bounded outbound queue: the messages waiting to be sent, for a
 * resumable session the stream position after each (aligned with them), their bytes, and the batch
 * taken off it for the send in flight.
 *
 * <p>Not thread-safe, and it takes no lock of its own: every method runs under the owning session's
 * monitor, the one lock that also guards the session's {@code sending} and {@code closed} flags, so
 * that admitting a message, taking a batch and closing see the queue and those flags change
 * together.
 *
 * <p>The node's {@link NodeQueueBudget} units of a message are taken when it is admitted ({@link
 * QueueAdmission}) and given back here: when it is dropped unsent, or when the send that carried it
 * completes (Jetty holds its bytes until then).
 */
final class SessionQueue {

  /**
   * A batch this large that empties the queue leaves the deques in place: the session is busy and
   * would grow them again at once. Smaller ones release them.
   */
  private static final int KEEP_FROM_BATCH = 16;

  /** Queued in {@link #positions} for a message without a position (an echo). */
  private static final StreamPosition NO_POSITION = StreamPosition.beginning("");

  /**
   * The session's bounds (a queue {@code maxEchoBytes} long refuses echoes: they must not fill the
   * node's memory) and the node's budget: what every session holds together, queued plus in flight.
   * One shared object, not four fields per session.
   */
  private final QueueBounds bounds;

  private final boolean resumable;

  /**
   * Messages waiting to be sent; null until the first one queues behind a send in flight. Most
   * connections are idle and a message to an idle one goes out without queueing, so most never need
   * it (issue 14 item 4: the deque and its array were 48 bytes of every idle connection's heap).
   * Starts with room for one and grows by doubling; a busy session keeps its size.
   */
  private ArrayDeque<EncodedText> messages;

  /**
   * For a resumable session, the stream position after each queued message ({@link #NO_POSITION}
   * for echoes), aligned with {@link #messages}; null otherwise, and until the first message
   * queues.
   */
  private ArrayDeque<StreamPosition> positions;

  /** Sum of the queued messages' lengths in bytes (UTF-8). */
  private long queuedBytes;

  /**
   * Bytes of the send or batch in flight, taken from {@link #budget} until it completes (Jetty
   * holds them until then).
   */
  private long inFlightBytes;

  /** The position after the message or batch in flight, or null. */
  private StreamPosition inFlightPosition;

  SessionQueue(QueueBounds bounds, boolean resumable) {
    this.bounds = bounds;
    this.resumable = resumable;
  }

  /** What every session of the node holds together. Final: any thread. */
  NodeQueueBudget budget() {
    return bounds.node();
  }

  int size() {
    return messages == null ? 0 : messages.size();
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Whether the message fits this session's own bounds (the lower echo bound for an echo). */
  boolean fits(EncodedText message, boolean echo) {
    long bound = echo ? Math.min(bounds.maxEchoBytes(), bounds.maxBytes()) : bounds.maxBytes();
    return size() < bounds.maxMessages() && queuedBytes + message.length() <= bound;
  }

  /**
   * Whether a batch's worth waits, or half the queue's message bound is used: then waiting for the
   * end of the poll or for a write lane could overflow the queue of a client that reads fast
   * enough.
   */
  boolean batchWaits() {
    return queuedBytes >= ClientSession.MAX_BATCH_BYTES || size() * 2L >= bounds.maxMessages();
  }

  /** Whether half the queue's bound (messages or bytes) is used: a replay waits then. */
  boolean isHalfFull() {
    return size() * 2L > bounds.maxMessages() || queuedBytes * 2 > bounds.maxBytes();
  }

  /** Bytes this session holds: queued plus in flight. */
  long heldBytes() {
    return queuedBytes + inFlightBytes;
  }

  /** Queues a message, with its position for a resumable session. */
  void append(EncodedText message, StreamPosition position) {
    if (messages == null) {
      messages = new ArrayDeque<>(1);
      positions = resumable ? new ArrayDeque<>(1) : null;
    }
    messages.addLast(message);
    if (positions != null) {
      positions.addLast(position == null ? NO_POSITION : position);
    }
    queuedBytes += message.length();
  }

  /** Notes a message sent at once, without passing through the queue, as the one in flight. */
  void sendingAlone(EncodedText message, StreamPosition position) {
    inFlightPosition = position;
    inFlightBytes = message.length();
  }

  /**
   * Takes the next batch off the queue: every queued message, up to {@link
   * ClientSession#MAX_BATCH_BYTES} (at least one); null when there is none. Notes its bytes and,
   * for resumable sessions, the position after it as what is in flight.
   */
  List<EncodedText> takeBatch() {
    if (isEmpty()) {
      return null;
    }
    List<EncodedText> batch = new ArrayList<>(Math.min(messages.size(), 256));
    long chars = 0;
    StreamPosition last = null;
    while (!messages.isEmpty()
        && (batch.isEmpty()
            || chars + messages.peekFirst().length() <= ClientSession.MAX_BATCH_BYTES)) {
      EncodedText next = messages.pollFirst();
      queuedBytes -= next.length();
      chars += next.length();
      batch.add(next);
      StreamPosition p = positions == null ? null : positions.pollFirst();
      if (p != null && p != NO_POSITION) {
        last = p;
      }
    }
    if (messages.isEmpty() && batch.size() < KEEP_FROM_BATCH) {
      // A session that is not busy goes back to holding no deque while idle; a busy one keeps it
      // (and its grown capacity) rather than growing a new one for every batch.
      messages = null;
      positions = null;
    }
    inFlightPosition = last;
    inFlightBytes = chars;
    return batch;
  }

  /** The position after what is in flight, or null. */
  StreamPosition inFlightPosition() {
    return inFlightPosition;
  }

  /**
   * The send in flight reached the client: returns the position after it (or null) and forgets it.
   */
  StreamPosition takeInFlightPosition() {
    StreamPosition p = inFlightPosition;
    inFlightPosition = null;
    return p;
  }

  /** The send in flight completed, either way: Jetty let go of it, so its bytes are given back. */
  void sendCompleted() {
    bounds.node().giveBack(inFlightBytes);
    inFlightBytes = 0;
  }

  /**
   * Drops what is queued and gives it back to the node's budget; what is in flight is given back
   * when its send completes, since Jetty holds it until then.
   */
  void drop() {
    messages = null;
    positions = null;
    bounds.node().giveBack(queuedBytes);
    queuedBytes = 0;
  }
}
