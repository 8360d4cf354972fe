package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.stream.StreamPosition;

/**
 * How a dispatched message gets into a session's queue: written at once ({@link
 * ClientSession#enqueue(EncodedText, StreamPosition)}), or held until the end of the Kafka poll
 * ({@link PollDispatcher}), so that a client getting several of a poll's messages gets one write.
 */
@FunctionalInterface
interface MessageQueueing {

  /** Written at once: tests, replays and hand-overs (one session at a time). */
  MessageQueueing AT_ONCE = ClientSession::enqueue;

  /**
   * @param position the stream position after the message, for resumable sessions; or null
   */
  void put(ClientSession session, EncodedText message, StreamPosition position);
}
