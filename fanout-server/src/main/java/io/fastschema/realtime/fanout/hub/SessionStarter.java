package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.relations.RelationLoading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an accepted session: it joins the live stream at once, or through its replay when it
 * resumes. A session whose filter or select reads related records joins at once too when the node
 * holds those tables already; otherwise it first waits for their load, and joins once they are read
 * (from its first delivery on it is judged with them). Changes committed during that first load are
 * not sent to it: a client that must not miss them subscribes with {@code since=now}.
 *
 * <p>Thread-safe.
 */
public final class SessionStarter {

  private static final Logger LOG = LoggerFactory.getLogger(SessionStarter.class);

  private final SubscriptionRegistry registry;
  private final SessionReplays replays;
  private final RelationLoading relations;

  public SessionStarter(
      SubscriptionRegistry registry, SessionReplays replays, RelationLoading relations) {
    this.registry = registry;
    this.replays = replays;
    this.relations = relations;
  }

  public void start(ClientSession session) {
    SubscriptionView view = session.subscription().view();
    if (!view.readsRelations() || relations.holds(view.relationTables())) {
      join(session);
      return;
    }
    relations
        .load(view.relationTables())
        .whenComplete(
            (loaded, failure) -> {
              if (failure != null) {
                LOG.warn(
                    "Refusing {}: relation state of {} unavailable: {}",
                    session,
                    view.relationTables(),
                    failure.getMessage());
                session.close(
                    CloseReason.BAD_REQUEST,
                    "realtime.content: relations unavailable: " + failure.getMessage());
              } else if (session.isOpen()) {
                join(session);
              }
            });
  }

  private void join(ClientSession session) {
    if (session.subscription().resume() != null) {
      replays.start(session); // registers once it has caught up with the live stream
      return;
    }
    registry.add(session);
    if (!session.isOpen()) {
      // Ended between the check and the add (relation sessions join from another thread).
      registry.sessionEnded(session);
    }
  }
}
