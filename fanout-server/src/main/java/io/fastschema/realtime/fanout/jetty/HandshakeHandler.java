package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.LiveSchemaCatalog;
import io.fastschema.realtime.fanout.access.AccessDecision;
import io.fastschema.realtime.fanout.access.AccessState;
import io.fastschema.realtime.fanout.auth.AuthenticatedUser;
import io.fastschema.realtime.fanout.auth.AuthenticationException;
import io.fastschema.realtime.fanout.auth.HandshakeCredentials;
import io.fastschema.realtime.fanout.auth.TokenExtractor;
import io.fastschema.realtime.fanout.auth.TokenVerifier;
import io.fastschema.realtime.fanout.hub.HandshakeRejection;
import io.fastschema.realtime.fanout.hub.QueueBounds;
import io.fastschema.realtime.fanout.hub.SessionReplays;
import io.fastschema.realtime.fanout.hub.SessionStarter;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import io.fastschema.realtime.fanout.hub.SubscriptionRequest;
import io.fastschema.realtime.fanout.stream.CursorKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an upgrade request into an endpoint: authenticate, then read the subscription. Failures do
 * not refuse the upgrade (FastSchema answers 101 and then closes with a reason), so they become a
 * rejecting endpoint.
 */
public final class HandshakeHandler implements WebSocketCreator {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);
  static final String AUTHORIZATION_PROTOCOL = "Authorization";
  static final String UNAUTHORIZED = "[401] Unauthorized";

  private final TokenVerifier verifier;
  private final AccessState access;
  private final LiveSchemaCatalog catalog;
  private final FanoutConfig config;
  private final QueueBounds bounds;
  private final FanoutMetrics metrics;
  private final SessionReplays replays;

  /** What every endpoint uses, with the node's open sessions. */
  private final RealtimeEndpoint.Node node;

  private final io.fastschema.realtime.lifecycle.ReadinessProbe ready;

  private final RateLimitedLog refusedTokens =
      new RateLimitedLog(LOG, BadRequestLog.INTERVAL, System::nanoTime);

  /** Derived from APP_KEY once: every node of a deployment verifies the others' cursors. */
  private final CursorKey cursorKey;

  public HandshakeHandler(
      TokenVerifier verifier,
      AccessState access,
      LiveSchemaCatalog catalog,
      SubscriptionRegistry registry,
      SessionReplays replays,
      SessionStarter starter,
      FanoutConfig config,
      QueueBounds bounds,
      FanoutMetrics metrics,
      io.fastschema.realtime.lifecycle.ReadinessProbe ready) {
    this.bounds = bounds;
    this.ready = ready;
    this.metrics = metrics;
    this.replays = replays;
    this.node = new RealtimeEndpoint.Node(registry, starter, bounds, metrics, new OpenSessions());
    this.verifier = verifier;
    this.access = access;
    this.catalog = catalog;
    this.config = config;
    this.cursorKey = CursorKey.derive(config.appKey());
    config.filterDialect().prepare();
  }

  @Override
  public Object createWebSocket(
      ServerUpgradeRequest req, ServerUpgradeResponse resp, Callback callback) {
    // Browsers and Node's ws abort when they offered subprotocols and none was selected.
    // Case-sensitive, as FastSchema's upgrader (Jetty's hasSubProtocol ignores case, and then
    // refuses a selected protocol that the client did not offer verbatim).
    if (req.getSubProtocols().contains(AUTHORIZATION_PROTOCOL)) {
      resp.setAcceptedSubProtocol(AUTHORIZATION_PROTOCOL);
    }
    try {
      String notReady = ready.notReadyBecause();
      if (notReady != null) {
        // Deciding access before the permissions are loaded would refuse everyone with 4403.
        throw new HandshakeRejection(
            CloseReason.TRY_AGAIN_LATER,
            "realtime.content: node not ready (" + notReady + "), reconnect");
      }
      if (!bounds.node().admitsNewSessions()) {
        // The room left serves the clients already connected; another node may have more.
        metrics.handshakesRefusedBusy.increment();
        throw new HandshakeRejection(
            CloseReason.TRY_AGAIN_LATER, "realtime.content: node busy, reconnect later");
      }
      AuthenticatedUser user = authenticate(req);
      Object malformed = req.getAttribute(RequestTargetRepair.MALFORMED_QUERY);
      if (malformed != null) {
        // The arguments cannot be read reliably, so neither the resource nor anything else.
        throw new HandshakeRejection(
            CloseReason.BAD_REQUEST, "realtime.content: invalid query: " + malformed);
      }
      Map<String, String> query = queryOf(req);
      // As FastSchema: authorization comes before the arguments are validated, so a guest
      // asking for an unknown schema learns nothing about which schemas exist.
      String resource = SubscriptionRequest.resourceOf(query);
      AccessDecision decision = access.current().decide(user, resource);
      if (decision != AccessDecision.ALLOWED) {
        throw new HandshakeRejection(
            decision == AccessDecision.UNAUTHORIZED
                ? CloseReason.UNAUTHENTICATED
                : CloseReason.FORBIDDEN,
            decision.reason());
      }
      Subscription s =
          SubscriptionRequest.resolve(
              query,
              catalog.current(),
              user,
              config.topicPrefix(),
              cursorKey,
              config.filterDialect());
      if (s.resume() != null && s.resume().awaitsLivePosition()) {
        // "now" is the live position before the upgrade answers: a change committed once the
        // client is connected lies after it.
        s = s.withResume(s.resume().at(replays.livePosition(s)));
      }
      return RealtimeEndpoint.accepted(s, node);
    } catch (HandshakeRejection r) {
      return RealtimeEndpoint.rejected(r, node);
    }
  }

  /** The node's open WebSocket sessions (opened and closed by the endpoints). */
  OpenSessions sessions() {
    return node.sessions();
  }

  /** The token's user; null (a guest) when there is no token; a bad token is refused. */
  private AuthenticatedUser authenticate(ServerUpgradeRequest req) throws HandshakeRejection {
    HandshakeCredentials credentials = credentialsOf(req);
    String token = TokenExtractor.extract(credentials).orElse(null);
    if (token == null) {
      return null;
    }
    if (TokenExtractor.usesCookie(credentials)) {
      checkCookieOrigin(req);
    }
    try {
      return verifier.verify(token);
    } catch (AuthenticationException e) {
      // A flood of forged tokens must not flood the log (issue 13): one line per interval.
      refusedTokens.info(
          "Refused token from "
              + Request.getRemoteAddr(req)
              + ": "
              + BadRequestLog.cut(e.getMessage()));
      throw new HandshakeRejection(CloseReason.UNAUTHENTICATED, UNAUTHORIZED);
    }
  }

  /** A page of another site must not subscribe with the user's cookie (CSWSH). */
  private void checkCookieOrigin(ServerUpgradeRequest req) throws HandshakeRejection {
    String origin = req.getHeaders().get(HttpHeader.ORIGIN);
    String host = req.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      host = req.getHttpURI().getAuthority();
    }
    if (!config.guards().cookieOrigins().allowsCookie(origin, host)) {
      throw new HandshakeRejection(
          CloseReason.FORBIDDEN,
          "realtime.content: origin "
              + origin
              + " may not use the token cookie (REALTIME_ALLOWED_ORIGINS)");
    }
  }

  private static HandshakeCredentials credentialsOf(ServerUpgradeRequest req) {
    var headers = req.getHeaders();
    String cookie = null;
    for (HttpCookie c : Request.getCookies(req)) {
      if (c.getName().equals("token")) {
        cookie = c.getValue();
      }
    }
    return new HandshakeCredentials(
        headers.get("Authorization"),
        headers.get("X-Auth-Token"),
        cookie,
        HandshakeCredentials.joinHeaderValues(headers.getValuesList("Sec-WebSocket-Protocol")));
  }

  /** Query arguments; for a repeated key the last value wins, as in FastSchema. */
  private static Map<String, String> queryOf(Request req) {
    Fields fields = Request.extractQueryParameters(req);
    Map<String, String> out = new HashMap<>();
    for (Fields.Field f : fields) {
      List<String> values = f.getValues();
      out.put(f.getName(), values.isEmpty() ? "" : values.get(values.size() - 1));
    }
    return out;
  }
}
