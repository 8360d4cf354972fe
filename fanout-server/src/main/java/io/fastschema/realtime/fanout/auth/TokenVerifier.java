package io.fastschema.realtime.fanout.auth;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a FastSchema access token and says whose it is.
 *
 * <p>A token is accepted when, in this order: its {@code alg} is HS256, HS384 or HS512; its
 * signature verifies with the {@code APP_KEY}; it has an {@code exp} that is after now; its {@code
 * nbf} and {@code iat}, when present, are not after now; and its {@code user} claim has a non-zero
 * id. The signature is checked before any claim, so a forged token learns nothing about how its
 * claims would have fared. There is no clock leeway, as in FastSchema.
 *
 * <p>Differences from FastSchema, on purpose: a token without {@code exp} is refused (FastSchema
 * would accept it forever); {@code alg} is restricted to HMAC explicitly rather than by key type; a
 * refresh token is refused with {@link Reason#NO_USER_CLAIM} (FastSchema crashes the handshake); an
 * {@code APP_KEY} shorter than {@value #MIN_APP_KEY_BYTES} bytes is refused at construction.
 *
 * <p>Immutable and thread-safe; build one at start-up and share it.
 */
public final class TokenVerifier {

  /**
   * Shortest accepted {@code APP_KEY}, in bytes: what HS256 needs per RFC 7518 section 3.2, and
   * what FastSchema generates (32 characters). A shorter HMAC key can be brute-forced offline from
   * any one token, after which every identity can be forged.
   */
  public static final int MIN_APP_KEY_BYTES = 32;

  /** An {@code alg} value short and plain enough to quote in a message; others are not quoted. */
  private static final Pattern QUOTABLE_ALG = Pattern.compile("[A-Za-z0-9+_-]{1,16}");

  private final Clock clock;
  private final JwtParser parser;

  /**
   * @param appKey the {@code APP_KEY} as raw bytes; FastSchema keys HMAC with {@code
   *     []byte(AppKey)}, i.e. its UTF-8 bytes. Copied.
   * @param clock the source of "now" for {@code exp}, {@code nbf} and {@code iat}
   * @throws IllegalArgumentException when the key is shorter than {@value #MIN_APP_KEY_BYTES}
   *     bytes; the message gives the length, never the key
   */
  public TokenVerifier(byte[] appKey, Clock clock) {
    Objects.requireNonNull(appKey, "appKey");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (appKey.length < MIN_APP_KEY_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "appKey (APP_KEY) must be at least %d bytes to verify HS256 tokens safely, was %d bytes;"
                  + " FastSchema generates 32-character keys",
              MIN_APP_KEY_BYTES,
              appKey.length));
    }
    this.parser =
        Jwts.parser()
            .verifyWith(new SecretKeySpec(appKey, "HmacSHA256"))
            .sig()
            .clear()
            .add(AppKeyHmacAlgorithm.FAMILY)
            .and()
            // FastSchema neither encrypts nor compresses tokens; a token that does is not one of
            // its.
            .key()
            .clear()
            .and()
            .enc()
            .clear()
            .and()
            .zip()
            .clear()
            .and()
            .clock(() -> Date.from(clock.instant()))
            .build();
  }

  /** {@link #TokenVerifier(byte[], Clock)} with the UTF-8 bytes of {@code appKey}, as in Go. */
  public static TokenVerifier forAppKey(String appKey, Clock clock) {
    return new TokenVerifier(appKey.getBytes(StandardCharsets.UTF_8), clock);
  }

  /**
   * @param jwt a compact JWS, as returned by {@link TokenExtractor#extract}
   * @return the user the token speaks for
   * @throws AuthenticationException when the token is refused; its reason says why
   */
  public AuthenticatedUser verify(String jwt) throws AuthenticationException {
    if (jwt == null || jwt.isBlank()) {
      throw new AuthenticationException(Reason.MALFORMED, "token is empty");
    }
    requireAllowedAlgorithm(ProtectedHeader.algorithmOf(jwt));
    Claims claims = verifiedClaims(jwt);
    Instant expiresAt = requireUnexpired(claims.getExpiration());
    requireIssuedInPast(claims.getIssuedAt());
    return UserClaim.read(claims.get("user"), expiresAt);
  }

  private static void requireAllowedAlgorithm(String alg) throws AuthenticationException {
    if (!AppKeyHmacAlgorithm.isMember(alg)) {
      String quoted = QUOTABLE_ALG.matcher(alg).matches() ? "'" + alg + "'" : "given";
      throw new AuthenticationException(
          Reason.ALGORITHM_NOT_ALLOWED,
          "algorithm " + quoted + " is not allowed; only HS256, HS384 and HS512 are");
    }
  }

  /** Signature first, then jjwt's own {@code exp} and {@code nbf} checks against our clock. */
  private Claims verifiedClaims(String jwt) throws AuthenticationException {
    try {
      return parser.parseSignedClaims(jwt).getPayload();
    } catch (ExpiredJwtException e) {
      throw expired(e.getClaims().getExpiration().toInstant());
    } catch (PrematureJwtException e) {
      throw new AuthenticationException(
          Reason.BAD_CLAIMS,
          "token is not valid before " + e.getClaims().getNotBefore().toInstant());
    } catch (SignatureException e) {
      throw new AuthenticationException(
          Reason.BAD_SIGNATURE, "signature does not verify with the app key");
    } catch (JwtException | IllegalArgumentException e) {
      // The rest of jjwt's refusals are about form: bad base64url or JSON, a payload that is not
      // a claims object, a claim of the wrong type, an unsupported 'crit' or 'zip'.
      throw new AuthenticationException(Reason.MALFORMED, "not a well-formed signed JWT");
    }
  }

  /**
   * jjwt accepts a token in its last millisecond ({@code now == exp}); golang-jwt does not, and
   * neither do we.
   */
  private Instant requireUnexpired(Date exp) throws AuthenticationException {
    if (exp == null) {
      throw new AuthenticationException(
          Reason.MISSING_EXPIRY, "token has no 'exp' claim; tokens that never expire are refused");
    }
    Instant expiresAt = exp.toInstant();
    if (!clock.instant().isBefore(expiresAt)) {
      throw expired(expiresAt);
    }
    return expiresAt;
  }

  /** golang-jwt v4 refuses an {@code iat} in the future; jjwt does not look at it. */
  private void requireIssuedInPast(Date iat) throws AuthenticationException {
    if (iat != null && clock.instant().isBefore(iat.toInstant())) {
      throw new AuthenticationException(
          Reason.BAD_CLAIMS, "token is issued in the future, at " + iat.toInstant());
    }
  }

  private static AuthenticationException expired(Instant expiresAt) {
    return new AuthenticationException(Reason.EXPIRED, "token expired at " + expiresAt);
  }
}
