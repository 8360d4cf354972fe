package io.fastschema.realtime.fanout.auth;

import static io.fastschema.realtime.fanout.auth.Refusals.assertRefused;
import static io.fastschema.realtime.fanout.auth.TokenMint.NOW;
import static io.fastschema.realtime.fanout.auth.TokenMint.access;
import static io.fastschema.realtime.fanout.auth.TokenMint.hs256;
import static io.fastschema.realtime.fanout.auth.TokenMint.v10User;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** {@code exp}, {@code nbf} and {@code iat} against the injected clock, without leeway. */
class TokenVerifierTimeTest {

  @Test
  void refusesExpiredToken() {
    Instant exp = NOW.minusSeconds(1);

    AuthenticationException refusal =
        assertRefused(Reason.EXPIRED, hs256(access(v10User()).expiration(Date.from(exp))));

    assertTrue(refusal.getMessage().contains(exp.toString()), refusal.getMessage());
  }

  /** golang-jwt v4: valid only while now is before exp; jjwt alone would accept this one. */
  @Test
  void refusesTokenAtTheInstantItExpires() {
    assertRefused(Reason.EXPIRED, hs256(access(v10User()).expiration(Date.from(NOW))));
  }

  @Test
  void acceptsTokenOneSecondBeforeExpiryAndReportsTheExpiry() throws Exception {
    Instant exp = NOW.plusSeconds(1);

    AuthenticatedUser user =
        TokenMint.verifier().verify(hs256(access(v10User()).expiration(Date.from(exp))));

    assertEquals(exp, user.expiresAt());
  }

  @Test
  void judgesExpiryByTheInjectedClockNotTheSystemClock() throws Exception {
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
    Clock thatDay = Clock.fixed(longAgo.minusSeconds(60), ZoneOffset.UTC);
    String token = hs256(access(v10User()).expiration(Date.from(longAgo)));

    AuthenticatedUser user = new TokenVerifier(TokenMint.APP_KEY_BYTES, thatDay).verify(token);

    assertEquals(longAgo, user.expiresAt());
    assertRefused(Reason.EXPIRED, token);
  }

  @Test
  void refusesTokenWithoutExpiry() {
    String neverExpires = hs256(Jwts.builder().issuer("FastSchema").claim("user", v10User()));

    assertRefused(Reason.MISSING_EXPIRY, neverExpires);
  }

  @Test
  void refusesExpiryThatIsNotANumericDate() {
    String token =
        TokenMint.byHand(
            "{\"exp\":\"tomorrow\",\"user\":{\"id\":\"" + TokenMint.V10_USER_ID + "\"}}");

    assertRefused(Reason.MALFORMED, token);
  }

  @Test
  void refusesTokenNotValidYet() {
    String token = hs256(access(v10User()).notBefore(Date.from(NOW.plusSeconds(1))));

    assertRefused(Reason.BAD_CLAIMS, token);
  }

  @Test
  void acceptsTokenFromItsNotBeforeInstant() throws Exception {
    String token = hs256(access(v10User()).notBefore(Date.from(NOW)));

    assertEquals(TokenMint.V10_USER_ID, TokenMint.verifier().verify(token).id());
  }

  @Test
  void refusesTokenIssuedInTheFuture() {
    String token = hs256(access(v10User()).issuedAt(Date.from(NOW.plusSeconds(1))));

    assertRefused(Reason.BAD_CLAIMS, token);
  }

  @Test
  void acceptsTokenIssuedInThePast() throws Exception {
    String token = hs256(access(v10User()).issuedAt(Date.from(NOW.minusSeconds(600))));

    assertEquals(TokenMint.V10_USER_ID, TokenMint.verifier().verify(token).id());
  }
}
