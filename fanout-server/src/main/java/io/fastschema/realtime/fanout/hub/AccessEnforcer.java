package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.access.AccessDecision;
import io.fastschema.realtime.fanout.access.AccessState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps open connections within what they may see: after every change of roles, permissions or
 * memberships (from the security topic) each session's permission is decided again, and sessions no
 * longer allowed are closed with 4403; sessions whose token expired are closed with 4401.
 * FastSchema checks once, at connect.
 *
 * <p>Thread-safe: {@link #recheckAll} runs on the Kafka thread, {@link #closeExpired} on the
 * ticker; both only read the registry and close sessions.
 */
public final class AccessEnforcer {

  private static final Logger LOG = LoggerFactory.getLogger(AccessEnforcer.class);

  private final AccessState access;

  /** Walks every open session: the registry's and those still replaying. */
  private final java.util.function.Consumer<java.util.function.Consumer<ClientSession>> sessions;

  private final Clock clock;

  public AccessEnforcer(
      AccessState access,
      java.util.function.Consumer<java.util.function.Consumer<ClientSession>> sessions,
      Clock clock) {
    this.access = access;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Access data changed: closes the sessions it no longer allows. */
  public void recheckAll() {
    var snapshot = access.current();
    List<ClientSession> revoked = new ArrayList<>();
    sessions.accept(
        session -> {
          Subscription s = session.subscription();
          if (snapshot.decide(s.user(), s.resource()) != AccessDecision.ALLOWED) {
            revoked.add(session);
          }
        });
    for (ClientSession session : revoked) {
      LOG.info(
          "Access to {} revoked for user {}; closing {}",
          session.subscription().resource(),
          session.subscription().userId(),
          session);
      session.close(CloseReason.FORBIDDEN, AccessDecision.FORBIDDEN.reason());
    }
  }

  /** Closes the sessions whose token has expired. */
  public void closeExpired() {
    var now = clock.instant();
    List<ClientSession> expired = new ArrayList<>();
    sessions.accept(
        session -> {
          var user = session.subscription().user();
          if (user != null && !user.expiresAt().isAfter(now)) {
            expired.add(session);
          }
        });
    for (ClientSession session : expired) {
      LOG.info("Token of user {} expired; closing {}", session.subscription().userId(), session);
      session.close(CloseReason.UNAUTHENTICATED, AccessDecision.UNAUTHORIZED.reason());
    }
  }
}
