package io.fastschema.realtime.fanout.auth;

import java.util.Optional;

/**
 * Picks the access token out of a handshake exactly as FastSchema's {@code Context.AuthToken} does
 * ({@code pkg/restfulresolver/context.go}, spec section 2.3), so that every client that
 * authenticates to FastSchema authenticates here the same way:
 *
 * <ol>
 *   <li>{@code Authorization}, only when it starts with exactly {@code "Bearer "} (case-sensitive,
 *       one space); the remainder is the token;
 *   <li>{@code X-Auth-Token}, when non-empty, overrides (1);
 *   <li>the cookie {@code token}, only when (1) and (2) gave nothing;
 *   <li>{@code Sec-WebSocket-Protocol}, only when still nothing and the value starts with exactly
 *       {@code "Authorization,"}; the rest, trimmed, is the token. So {@code "<jwt>,
 *       Authorization"} yields nothing.
 * </ol>
 *
 * <p>A stale cookie therefore wins over a fresh subprotocol token, as in FastSchema. There is no
 * query-parameter token. Stateless and thread-safe.
 */
public final class TokenExtractor {

  private static final String BEARER_PREFIX = "Bearer ";
  private static final String SUBPROTOCOL_PREFIX = "Authorization,";

  private TokenExtractor() {}

  /** The token the handshake offers, or empty when it offers none in a recognised place. */
  public static Optional<String> extract(HandshakeCredentials credentials) {
    String token = bearerToken(credentials.authorizationHeader());
    if (hasText(credentials.xAuthTokenHeader())) {
      token = credentials.xAuthTokenHeader();
    }
    if (token.isEmpty() && hasText(credentials.tokenCookie())) {
      token = credentials.tokenCookie();
    }
    if (token.isEmpty()) {
      token = subprotocolToken(credentials.secWebSocketProtocolHeader());
    }
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * True when {@link #extract} takes the token from the cookie: a browser sends the cookie with a
   * handshake from any page, so that token is only trusted from allowed origins ({@link
   * OriginPolicy}).
   */
  public static boolean usesCookie(HandshakeCredentials credentials) {
    return bearerToken(credentials.authorizationHeader()).isEmpty()
        && !hasText(credentials.xAuthTokenHeader())
        && hasText(credentials.tokenCookie());
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER_PREFIX)) {
      return "";
    }
    return authorization.substring(BEARER_PREFIX.length());
  }

  private static String subprotocolToken(String protocols) {
    if (protocols == null || !protocols.startsWith(SUBPROTOCOL_PREFIX)) {
      return "";
    }
    return protocols.substring(SUBPROTOCOL_PREFIX.length()).strip();
  }

  private static boolean hasText(String value) {
    return value != null && !value.isEmpty();
  }
}
