package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;

/**
 * Whether one message may join a session's queue: against the session's own bounds ({@link
 * SessionQueue#fits}) and the node-wide {@link NodeQueueBudget}, whose units it takes when it
 * admits; and, when the node's bound is reached, making room by closing the session that holds the
 * most.
 *
 * <p>{@link #admit} runs under the owning session's monitor (it reads the queue, and the budget's
 * CAS takes no other lock). {@link #makeRoom} runs after that monitor was released: it takes other
 * sessions' monitors one at a time, so no two session monitors are ever held together.
 *
 * <p>Stateless (the budget is the queue's): no object of its own per session, of which most are
 * idle (issue 14 item 4).
 */
final class QueueAdmission {

  /**
   * Sessions closed to make room for one message at most, besides the one queuing it: each frees at
   * least as much as the queuing one holds, so a few suffice unless most of the bound is in flight.
   */
  private static final int MAX_EVICTIONS_PER_MESSAGE = 4;

  /** What {@link #admit} decided about one message. */
  enum Admission {
    ADMITTED,
    CLOSED,
    /** This session's own bound is passed: it is closed (4008). */
    OVER_SESSION_BOUND,
    /** The node's bound would be passed: room must be made first. */
    OVER_NODE_BOUND
  }

  private QueueAdmission() {}

  /**
   * Checks a message against an open session's bounds and takes its units from the node's budget
   * when admitted; never {@link Admission#CLOSED} (the session checks that first). Guarded by the
   * session's monitor.
   */
  static Admission admit(SessionQueue queue, EncodedText message, boolean echo) {
    if (!queue.fits(message, echo)) {
      return Admission.OVER_SESSION_BOUND;
    }
    return queue.budget().tryTake(message.length())
        ? Admission.ADMITTED
        : Admission.OVER_NODE_BOUND;
  }

  /**
   * The node's bound is reached: closes the session that holds the most, the asking one if it does
   * (or after {@link #MAX_EVICTIONS_PER_MESSAGE} others were closed for one message). Called
   * without the asking session's monitor; {@code queue} is the asking session's, read only for its
   * node's budget.
   *
   * @return whether the message may be tried again
   */
  static boolean makeRoom(SessionQueue queue, ClientSession asking, int evictionsSoFar) {
    NodeQueueBudget budget = queue.budget();
    if (evictionsSoFar < MAX_EVICTIONS_PER_MESSAGE && budget.evictLargestBesides(asking)) {
      return true;
    }
    budget.evicted(asking);
    return false;
  }
}
