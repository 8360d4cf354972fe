package io.fastschema.realtime.fanout.auth;

import java.util.List;

/**
 * What a WebSocket handshake offers as credentials, as plain header values, so that token
 * extraction is independent of the HTTP server.
 *
 * <p>Each component is the raw value, or {@code null} when the request did not carry it. Immutable.
 *
 * @param authorizationHeader the {@code Authorization} header
 * @param xAuthTokenHeader the {@code X-Auth-Token} header
 * @param tokenCookie the value of the cookie named {@code token}
 * @param secWebSocketProtocolHeader the {@code Sec-WebSocket-Protocol} header as one value; see
 *     {@link #joinHeaderValues(List)} when the server hands it over as a list
 */
public record HandshakeCredentials(
    String authorizationHeader,
    String xAuthTokenHeader,
    String tokenCookie,
    String secWebSocketProtocolHeader) {

  /**
   * Combines the values of a header that arrived as several lines or that the server already split
   * at commas, in order, into the single comma-separated value of RFC 9110 section 5.3.
   *
   * <p>Servers tend to expose {@code Sec-WebSocket-Protocol} as a list of protocols, but FastSchema
   * reads the token from the whole value ({@code "Authorization, <jwt>"}); joining restores it. A
   * JWT never contains a comma, so nothing is lost.
   *
   * @return the combined value, or {@code null} when {@code values} is {@code null} or empty
   */
  public static String joinHeaderValues(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return String.join(", ", values);
  }
}
