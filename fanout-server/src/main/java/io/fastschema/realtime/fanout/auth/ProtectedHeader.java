package io.fastschema.realtime.fanout.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import java.io.IOException;
import java.util.Base64;

/**
 * Reads the {@code alg} of a compact JWS before anything else about the token is looked at.
 *
 * <p>jjwt reports a disallowed algorithm in several ways ({@code UnsupportedJwtException} for
 * {@code none}, {@code SignatureException} for an algorithm it does not know, which is also what a
 * wrong signature gives). Reading {@code alg} first makes {@link Reason#ALGORITHM_NOT_ALLOWED}
 * exact and spares the library a token we refuse anyway.
 *
 * <p>Stateless and thread-safe.
 */
final class ProtectedHeader {

  /** Duplicate keys are refused, as jjwt does, so both see the same {@code alg}. */
  private static final ObjectReader JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).reader();

  private ProtectedHeader() {}

  /** The {@code alg} of {@code compactJws}, unverified. */
  static String algorithmOf(String compactJws) throws AuthenticationException {
    int end = compactJws.indexOf('.');
    if (end <= 0) {
      throw malformed("not a compact JWS (no header part)");
    }
    JsonNode header;
    try {
      header = JSON.readTree(Base64.getUrlDecoder().decode(compactJws.substring(0, end)));
    } catch (IllegalArgumentException | IOException e) {
      throw malformed("header is not base64url-encoded JSON");
    }
    JsonNode alg = header == null ? null : header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw malformed("header has no 'alg' string");
    }
    return alg.textValue();
  }

  private static AuthenticationException malformed(String detail) {
    return new AuthenticationException(Reason.MALFORMED, detail);
  }
}
