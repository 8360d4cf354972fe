package io.fastschema.realtime.fanout.stream;

/**
 * The route of the live stream's deliveries out of the stream layer (into the hub). Called on the
 * consumer thread only: every delivery of a poll in order, then {@link #endOfPoll()} once.
 */
public interface Dispatcher {

  /** One delivery, in stream order; must not block on a client. */
  void dispatch(Delivery delivery);

  /** The poll's deliveries were all dispatched: a dispatcher that held writes back starts them. */
  void endOfPoll();
}
