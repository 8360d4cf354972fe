package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.Dispatcher;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The live stream's route into the hub: a poll's deliveries are queued to their sessions, then each
 * session is written once at the end of the poll (one write per client per poll, however many of
 * the poll's messages it got), or at once when a batch's worth waits.
 *
 * <p>Not thread-safe: the Kafka consumer thread only.
 */
public final class PollDispatcher implements Dispatcher {

  private final SubscriptionRegistry registry;

  /** Sessions with messages to write at the end of the poll. */
  private final List<ClientSession> pendingFlush = new ArrayList<>();

  private final MessageQueueing heldBack = this::holdBack;

  public PollDispatcher(SubscriptionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void dispatch(Delivery delivery) {
    registry.dispatch(delivery, heldBack);
  }

  @Override
  public void endOfPoll() {
    for (int i = 0; i < pendingFlush.size(); i++) {
      pendingFlush.get(i).flush();
    }
    pendingFlush.clear();
  }

  private void holdBack(ClientSession session, String message, StreamPosition position) {
    if (session.enqueueDeferred(message, position)) {
      pendingFlush.add(session);
    }
  }
}
