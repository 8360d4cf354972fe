package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.Dispatcher;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The live stream's route into the hub: a poll's deliveries are queued to their sessions, then each
 * session is written once at the end of the poll (one write per client per poll, however many of
 * the poll's messages it got), or at once when a batch's worth waits. The end-of-poll writes are
 * started by the {@link WriteLanes}, not by the consumer thread.
 *
 * <p>Not thread-safe: the Kafka consumer thread only.
 */
public final class PollDispatcher implements Dispatcher {

  private final SubscriptionRegistry registry;
  private final WriteLanes lanes;

  /** Sessions with messages to write at the end of the poll. */
  private final List<ClientSession> pendingFlush = new ArrayList<>();

  private final MessageQueueing heldBack = this::holdBack;

  /** A dispatcher that starts writes on the consumer thread itself. */
  public PollDispatcher(SubscriptionRegistry registry) {
    this(registry, WriteLanes.inline());
  }

  public PollDispatcher(SubscriptionRegistry registry, WriteLanes lanes) {
    this.registry = registry;
    this.lanes = lanes;
  }

  @Override
  public void dispatch(Delivery delivery) {
    registry.dispatch(delivery, heldBack);
  }

  @Override
  public void endOfPoll() {
    lanes.flushAll(pendingFlush);
    pendingFlush.clear();
  }

  private void holdBack(ClientSession session, EncodedText message, StreamPosition position) {
    switch (session.enqueueDeferred(message, position)) {
      case END_OF_POLL -> pendingFlush.add(session);
      // On this thread: its socket took the last write and half the queue waits. Handed to a lane,
      // the rest of a big poll (one large transaction) could overflow the queue of a client that
      // reads fast enough before the lane starts; written here, the consumer slows down instead.
      case NOW -> session.flush();
      case NONE -> {}
    }
  }
}
