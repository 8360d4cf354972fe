package io.fastschema.realtime.fanout.auth;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints tokens for the tests: with jjwt where it will, by hand with the JDK's HMAC where jjwt
 * refuses (a 32-byte key for HS384/HS512, {@code alg: none}, broken payloads), so that no token is
 * produced by the code under test.
 */
final class TokenMint {

  /** 32 characters, like the keys FastSchema generates. */
  static final String APP_KEY = "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF";

  static final byte[] APP_KEY_BYTES = APP_KEY.getBytes(StandardCharsets.UTF_8);
  static final SecretKey APP_SECRET = new SecretKeySpec(APP_KEY_BYTES, "HmacSHA256");

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** FastSchema's access-token lifetime when refresh tokens are enabled. */
  static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(15));

  static final String V10_USER_ID = "0195a0c4-7e1b-7c3a-9f00-1d2e3f405162";
  static final String V10_ROLE_ID = "0195a0c4-7e1b-7c3a-9f00-aabbccddeeff";

  private TokenMint() {}

  static TokenVerifier verifier() {
    return new TokenVerifier(APP_KEY_BYTES, CLOCK);
  }

  /** The {@code user} claim FastSchema v0.10 writes (omitempty members, UUID ids). */
  static Map<String, Object> v10User() {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", V10_USER_ID);
    user.put("username", "alice");
    user.put("email", "alice@example.com");
    user.put("active", true);
    user.put("provider", "local");
    user.put("role_ids", List.of(V10_ROLE_ID));
    return user;
  }

  /** An access token's claims as FastSchema issues them, with {@code user} as given. */
  static JwtBuilder access(Object user) {
    return Jwts.builder().issuer("FastSchema").expiration(Date.from(EXPIRY)).claim("user", user);
  }

  static String hs256(JwtBuilder claims) {
    return claims.signWith(APP_SECRET, Jwts.SIG.HS256).compact();
  }

  static String hs256(Object user) {
    return hs256(access(user));
  }

  static String signedWith(JwtBuilder claims, SecretKey key, MacAlgorithm algorithm) {
    return claims.signWith(key, algorithm).compact();
  }

  /** HMAC over {@code header.payload} with the JDK, as golang-jwt does, for any key length. */
  static String byHand(String headerJson, String payloadJson, String jcaName, byte[] key) {
    String signingInput = base64Url(headerJson) + "." + base64Url(payloadJson);
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(key, jcaName));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** HS256 with the app key over a payload written verbatim. */
  static String byHand(String payloadJson) {
    return byHand("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson, "HmacSHA256", APP_KEY_BYTES);
  }

  /** A payload that is a valid FastSchema access token apart from what {@code userJson} says. */
  static String payloadWithUser(String userJson) {
    return "{\"iss\":\"FastSchema\",\"exp\":"
        + EXPIRY.getEpochSecond()
        + ",\"user\":"
        + userJson
        + "}";
  }

  static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
