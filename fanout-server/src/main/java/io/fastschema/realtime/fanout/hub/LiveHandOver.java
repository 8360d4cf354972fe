package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.stream.CursorNotServed;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.KafkaEventSource;
import io.fastschema.realtime.fanout.stream.LiveStream;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a resuming session over to the live stream, on the consumer thread between two deliveries,
 * so that it gets every delivery after its position and none before. At or ahead of the live
 * position: it is registered and skips what it already had. A little behind: it is caught up from
 * the live stream's recent deliveries, then registered. Further behind, or a client's cursor ahead
 * of this node or of a topic it does not read yet: not joined, a replay must read (and check)
 * first. A client's cursor naming another partition count than the topic's is refused (4400).
 *
 * <p>Thread-safe: the work runs on the consumer thread.
 */
final class LiveHandOver {

  private final KafkaEventSource live;
  private final SubscriptionRegistry registry;

  /**
   * Most deliveries a join catches a session up with at once (the replay's backpressure is needed
   * beyond).
   */
  private final int catchUpLimit;

  LiveHandOver(KafkaEventSource live, SubscriptionRegistry registry, int catchUpLimit) {
    this.live = live;
    this.registry = registry;
    this.catchUpLimit = catchUpLimit;
  }

  /**
   * Joins if the live stream has not passed {@code replayed}: from then on the session gets every
   * delivery after the live position, minus those below {@code replayed} (its replay sent them).
   * With {@code replayed} null ({@code since=now}), it starts at the live position. Completes with
   * false when the live stream is ahead: the replay must read on.
   *
   * @param trusted whether {@code replayed} is a position of ours (a replay's, or the live stream's
   *     at the handshake) rather than a client's cursor
   */
  CompletableFuture<Boolean> join(ClientSession session, StreamPosition replayed, boolean trusted) {
    String topic = live.topicOf(session.subscription().schema().name());
    return live.betweenDeliveries(
        stream -> {
          if (!session.isOpen()) {
            return true; // gone while waiting: nothing to join
          }
          return join(
              stream,
              session,
              topic,
              replayed != null ? replayed : stream.position(topic),
              trusted || replayed == null);
        });
  }

  private boolean join(
      LiveStream stream,
      ClientSession session,
      String topic,
      StreamPosition replayed,
      boolean trusted) {
    StreamPosition position = stream.position(topic);
    if (!trusted) {
      int partitions = stream.partitions(topic);
      if (partitions < 0) {
        return false; // a topic this node does not read yet: the replay checks it against Kafka
      }
      if (replayed.partitions() != partitions) {
        session.close(
            CloseReason.BAD_REQUEST,
            CursorNotServed.wrongPartitions(topic, replayed.partitions(), partitions).getMessage());
        return true; // answered: refused
      }
    }
    if (!trusted && !position.covers(replayed)) {
      // A client's cursor ahead of this node could be from another cluster or made up: only a
      // replay can check it against the log, so only positions this node has passed are used.
      return false;
    }
    if (replayed.covers(position)) {
      session.startAt(replayed, position.covers(replayed) ? null : replayed);
      register(session);
      return true;
    }
    List<Delivery> missed = stream.recentAfter(topic, replayed, catchUpLimit);
    if (missed == null) {
      return false;
    }
    session.startAt(replayed, null);
    for (Delivery d : missed) {
      registry.dispatchTo(session, d);
    }
    register(session);
    return true;
  }

  private void register(ClientSession session) {
    if (!session.isOpen()) {
      return;
    }
    registry.add(session);
    // Closed between the check and the add: its end already ran and removed nothing.
    if (!session.isOpen()) {
      registry.sessionEnded(session);
    }
  }
}
