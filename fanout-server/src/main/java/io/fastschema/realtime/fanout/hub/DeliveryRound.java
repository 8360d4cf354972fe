package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One delivery on its way to the sessions that may want it: its messages (each encoded once), how
 * they are queued, and how many sessions got one or were filtered out. Meters are updated once per
 * delivery ({@link #record}), not per session.
 *
 * <p>Not thread-safe: one per delivery, on the dispatching thread.
 */
final class DeliveryRound {

  private final DeliveryMessages messages;
  private final MessageQueueing queueing;

  /** Messages queued so far. */
  private int queued;

  /** Candidate sessions (by schema, event, key) whose filter admitted nothing. */
  private int filtered;

  /**
   * Each distinct message of this delivery, encoded once: the messages are the very String
   * instances {@link DeliveryMessages} caches, so identity finds them.
   */
  private final Map<String, EncodedText> encoded = new IdentityHashMap<>(4);

  /** The last message encoded and its text: most sessions in a row get the same one. */
  private String lastText;

  private EncodedText lastEncoded;

  DeliveryRound(DeliveryMessages messages, MessageQueueing queueing) {
    this.messages = messages;
    this.queueing = queueing;
  }

  DeliveryMessages messages() {
    return messages;
  }

  Delivery delivery() {
    return messages.delivery();
  }

  /**
   * Queues a message (null: the view admitted nothing); resumable sessions get it with its cursor
   * and are told they passed the delivery when it was not for them.
   */
  void queue(ClientSession session, String message) {
    boolean resumable = session.resumable();
    StreamPosition position = messages.delivery().position();
    if (message == null) {
      filtered++;
      if (resumable) {
        session.passed(position);
      }
    } else {
      queued++;
      queueing.put(
          session,
          encoded(resumable ? messages.resumable(message, session.cursorBinding()) : message),
          resumable ? position : null);
    }
  }

  private EncodedText encoded(String text) {
    if (text != lastText) {
      lastEncoded = encoded.computeIfAbsent(text, EncodedText::of);
      lastText = text;
    }
    return lastEncoded;
  }

  /** Whether any session got a message or was filtered out. */
  boolean reachedAny() {
    return queued > 0 || filtered > 0;
  }

  /** Counts this round's messages as replayed too: it caught one resuming session up. */
  void recordReplayed(FanoutMetrics metrics) {
    if (queued > 0) {
      metrics.replayedMessages.increment(queued);
    }
  }

  void record(FanoutMetrics metrics) {
    if (queued > 0) {
      metrics.messagesDelivered.increment(queued);
      metrics.delivered(delivery().events().get(0).source().commitTimeMs());
    }
    if (filtered > 0) {
      metrics.messagesFiltered.increment(filtered);
    }
  }
}
