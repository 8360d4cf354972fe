package io.fastschema.realtime.fanout.jetty;

import java.lang.reflect.Field;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops what Jetty 12.1 keeps of a WebSocket handshake for the session's whole life, once the
 * endpoint has what it needs: the negotiated query parameter map and the request URI with its query
 * (the URI left is one instance per path, {@link SharedUris}). Nothing in this node reads them
 * after the open: the subscription was resolved in {@link HandshakeHandler}. (Jetty's endpoint API
 * also kept the upgrade request and response, and through them the HTTP/1.1 request, its header
 * fields with the bearer token, the parser and channel state: most of the 12.5 KB of heap per
 * connection of issue 14 item 4. {@link RealtimeEndpoint} uses the core API, which keeps none of
 * them.)
 *
 * <p>Jetty has no setters for these: {@link Negotiated}'s private final fields are replaced by
 * reflection. The fields are looked up once; if a Jetty upgrade renames them, release becomes
 * partial and says so once in the log, never fails a connection.
 *
 * <p>Thread-safe (stateless after class initialisation).
 */
final class HandshakeRemnants {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeRemnants.class);

  private static final Field CORE_NEGOTIATED = field(WebSocketCoreSession.class, "negotiated");
  private static final Field NEGOTIATED_PARAMETERS = field(Negotiated.class, "parameterMap");
  private static final Field NEGOTIATED_URI = field(Negotiated.class, "requestURI");

  /**
   * One URI instance per distinct query-less URI: every connection to the same path shares it
   * instead of keeping its own URI and five strings (about 300 bytes each, issue 14 item 4).
   */
  private static final SharedUris PATHS = new SharedUris(64);

  private HandshakeRemnants() {}

  /** Releases the handshake's objects held by {@code session}; call from the endpoint's open. */
  static void release(CoreSession session) {
    if (!(session instanceof WebSocketCoreSession wcs)) {
      return;
    }
    Negotiated negotiated = (Negotiated) get(CORE_NEGOTIATED, wcs);
    if (negotiated == null) {
      return;
    }
    set(NEGOTIATED_PARAMETERS, negotiated, Map.of());
    URI uri = negotiated.getRequestURI();
    if (uri != null) {
      // Scheme, authority and path stay (Jetty's dump shows them); the query goes.
      String authority = uri.getRawAuthority() == null ? "" : "//" + uri.getRawAuthority();
      set(
          NEGOTIATED_URI,
          negotiated,
          PATHS.of(uri.getScheme() + ":" + authority + uri.getRawPath()));
    }
  }

  private static Field field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.warn(
          "Jetty's {}.{} is not there: that part of each handshake stays in memory ({})",
          owner.getSimpleName(),
          name,
          e.toString());
      return null;
    }
  }

  private static Object get(Field f, Object target) {
    if (f == null) {
      return null;
    }
    try {
      return f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("accessible field " + f + " refused a read", e);
    }
  }

  private static void set(Field f, Object target, Object value) {
    if (f == null) {
      return;
    }
    try {
      f.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("accessible field " + f + " refused a write", e);
    }
  }
}
